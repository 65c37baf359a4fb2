using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace BackupFleet.Tests.Faults;

/// <summary>Issue 7: PostgreSQL stops in the middle of a backup and comes back; the server keeps its agent and loses nothing.</summary>
[Collection(FaultReport.Collection)]
public sealed class DatabaseRestartedMidRunTests : FaultTest
{
    private PrivatePostgres _postgres = default!;

    protected override async Task<TestServer> StartServerAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        return await TestServer.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Fleet"] = _postgres.ConnectionString });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public Task The_agent_stays_connected_health_says_degraded_and_the_run_ends_succeeded_with_each_event_once() =>
        FaultReport.RunAsync("PostgreSQL stopped mid-backup, started again", async () =>
        {
            var (host, agent, platform) = await SlowAgent.StartAsync(Server.BaseAddress, Api, Scratch, secondsPerVolume: 2, "PG");
            await using var _ = agent;
            var other = await Api.EnrollAsync(FleetApi.UniqueHostName("PG"));
            await using var raw = await RawAgent.ConnectAsync(Server, other.AgentCredential, other.HostName);
            var runId = await Api.RunNowAsync(host.HostId);
            await Api.BackingUpRunAsync(runId);

            await _postgres.StopAsync();
            var health = await Server.CreateClient(apiKey: null).GetStringAsync("/healthz");
            var refused = await Assert.ThrowsAsync<HubException>(() =>
                raw.ReportAsync(Guid.NewGuid(), new RunEventDto(1, DateTimeOffset.UtcNow, RunEventKind.Log, null, "line", null)));
            await Task.Delay(TimeSpan.FromSeconds(2)); // the backup goes on and its events meet the outage
            var connectedThroughout = agent.IsConnected;
            await _postgres.StartAgainAsync();

            Assert.Equal("Degraded", health);
            Assert.True(HubErrors.IsTryAgain(refused.Message), refused.Message);
            Assert.True(connectedThroughout, "The agent lost its connection while only the database was away.");
            var ended = await Api.EndedRunAsync(runId);
            Assert.Equal("Succeeded", ended.GetProperty("run").GetProperty("state").GetString());
            var events = FleetApi.EventsOnceInOrder(ended);
            Assert.Contains(events, e => e.GetProperty("message").GetString()?.Contains("The backup operation successfully completed.") == true);
            Assert.Equal("Healthy", await Server.CreateClient(apiKey: null).GetStringAsync("/healthz"));
            Assert.False(await platform.VirtualDisks.IsMountedAsync(platform.Scenario.Inventory.BackupTarget.Path!, CancellationToken.None));
            return ($"Succeeded; events 1..{events.Count} once each; agent stayed connected; /healthz Degraded meanwhile; VHDX dismounted",
                await Notifications.SentOnceAsync(Api, runId, null));
        });
}
