using BackupFleet.Agent.Journal;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>Issue 7: the server goes away in the middle of a backup and comes back after it has ended on the host.</summary>
[Collection(FaultReport.Collection)]
public sealed class ServerRestartedMidRunTests : FaultTest
{
    [Fact]
    public Task The_agent_finishes_the_backup_keeps_its_events_and_the_run_ends_succeeded_with_each_event_once() =>
        FaultReport.RunAsync("server stopped mid-backup, started again after it ended", async () =>
        {
            using var journal = RunJournal.Open(Scratch);
            var (host, agent, platform) = await SlowAgent.StartAsync(Server, Api, Scratch, secondsPerVolume: 2, "DOWN", journal: journal);
            await using var _ = agent;
            var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            agent.RunCompleted += _ => delivered.TrySetResult();
            var runId = await Api.RunNowAsync(host.HostId);
            await Api.BackingUpRunAsync(runId);

            await Server.StopAsync();
            // The backup goes on without the server; its end waits in the journal.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (journal.Pending().SingleOrDefault()?.Completion is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "The backup did not end on the host while the server was away.");
                await Task.Delay(100);
            }
            var journaled = journal.Pending().Single();
            Assert.Equal(RunState.Succeeded, journaled.Completion!.State);
            await Server.StartAgainAsync();

            await delivered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var ended = await Api.EndedRunAsync(runId);
            Assert.Equal("Succeeded", ended.GetProperty("run").GetProperty("state").GetString());
            var events = FleetApi.EventsOnceInOrder(ended);
            Assert.Contains(events, e => e.GetProperty("message").GetString()?.Contains("The backup operation successfully completed.") == true);
            Assert.Empty(journal.Pending());
            Assert.False(await platform.VirtualDisks.IsMountedAsync(platform.Scenario.Inventory.BackupTarget.Path!, CancellationToken.None));
            return $"Succeeded; events 1..{events.Count} once each ({journaled.Unsent.Count} kept in the journal while the server was away); VHDX dismounted";
        });
}
