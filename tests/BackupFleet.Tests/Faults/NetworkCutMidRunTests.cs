using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>Issue 7: the network between agent and server fails in the middle of a backup and comes back; both ends keep running.</summary>
[Collection(FaultReport.Collection)]
public sealed class NetworkCutMidRunTests : FaultTest
{
    [Fact]
    public Task The_backup_goes_on_the_agent_reconnects_and_the_run_ends_succeeded_with_each_event_once() =>
        FaultReport.RunAsync("network cut mid-backup, restored", async () =>
        {
            await using var relay = new TcpRelay(Server.BaseAddress);
            var (host, agent, platform) = await SlowAgent.StartAsync(Server.BaseAddress, Api, Scratch, secondsPerVolume: 2, "NET", via: relay.Address);
            await using var _ = agent;
            var runId = await Api.RunNowAsync(host.HostId);
            await Api.BackingUpRunAsync(runId);

            relay.Cut();
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (agent.IsConnected)
            {
                Assert.True(DateTime.UtcNow < deadline, "The agent did not notice the cut.");
                await Task.Delay(50);
            }
            await Task.Delay(TimeSpan.FromSeconds(2)); // the backup goes on; its events wait
            var whileCut = await (await Api.GetAsync($"/api/v1/runs/{runId}")).ReadJsonAsync();
            relay.Restore();

            Assert.Equal("Running", whileCut.GetProperty("run").GetProperty("state").GetString());
            var ended = await Api.EndedRunAsync(runId);
            Assert.Equal("Succeeded", ended.GetProperty("run").GetProperty("state").GetString());
            var events = FleetApi.EventsOnceInOrder(ended);
            Assert.Contains(events, e => e.GetProperty("message").GetString()?.Contains("The backup operation successfully completed.") == true);
            Assert.False(await platform.VirtualDisks.IsMountedAsync(platform.Scenario.Inventory.BackupTarget.Path!, CancellationToken.None));
            return ($"Succeeded; events 1..{events.Count} once each; agent reconnected; VHDX dismounted",
                await Notifications.SentOnceAsync(Api, runId, null));
        });
}
