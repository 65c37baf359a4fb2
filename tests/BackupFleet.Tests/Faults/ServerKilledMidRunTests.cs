using BackupFleet.Agent.Journal;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>Issue 7: the server's process is killed in the middle of a backup and started again after the backup has ended on the host.</summary>
[Collection(FaultReport.Collection)]
public sealed class ServerKilledMidRunTests : IAsyncLifetime
{
    private ServerProcess _server = default!;
    private readonly string _scratch = Directory.CreateTempSubdirectory("bf-fault-").FullName;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public Task The_agent_finishes_the_backup_keeps_its_events_and_the_run_ends_succeeded_with_each_event_once() =>
        FaultReport.RunAsync("server process killed mid-backup, started again after it ended", async () =>
        {
            var api = _server.CreateClient();
            await using var notifications = await FaultNotifications.StartAsync(api);
            using var journal = RunJournal.Open(_scratch);
            var (host, agent, platform) = await SlowAgent.StartAsync(_server.BaseAddress, api, _scratch, secondsPerVolume: 2, "KILLSRV", journal: journal);
            await using var _ = agent;
            var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            agent.RunCompleted += _ => delivered.TrySetResult();
            var runId = await api.RunNowAsync(host.HostId);
            await api.BackingUpRunAsync(runId);

            await _server.KillAsync();
            // The backup goes on without the server; its end waits in the journal.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (journal.Pending().SingleOrDefault()?.Completion is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "The backup did not end on the host while the server was away.");
                await Task.Delay(100);
            }
            var journaled = journal.Pending().Single();
            Assert.Equal(RunState.Succeeded, journaled.Completion!.State);
            await _server.StartAgainAsync();

            await delivered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var ended = await api.EndedRunAsync(runId);
            Assert.Equal("Succeeded", ended.GetProperty("run").GetProperty("state").GetString());
            var events = FleetApi.EventsOnceInOrder(ended);
            Assert.Contains(events, e => e.GetProperty("message").GetString()?.Contains("The backup operation successfully completed.") == true);
            Assert.Empty(journal.Pending());
            Assert.False(await platform.VirtualDisks.IsMountedAsync(platform.Scenario.Inventory.BackupTarget.Path!, CancellationToken.None));
            return ($"Succeeded; events 1..{events.Count} once each ({journaled.Unsent.Count} kept in the journal while the server was gone); VHDX dismounted",
                await notifications.SentOnceAsync(api, runId, null));
        });
}
