using BackupFleet.Agent.Journal;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>Issue 7: the server goes away in the middle of a backup and comes back after it has ended on the host.</summary>
public sealed class ServerRestartedMidRunTests : IAsyncLifetime
{
    private TestServer _server = default!;
    private HttpClient _api = default!;
    private readonly string _state = Directory.CreateTempSubdirectory("bf-agent-state-").FullName;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _api = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public Task The_agent_finishes_the_backup_keeps_its_events_and_the_run_ends_succeeded_with_each_event_once() =>
        FaultReport.RunAsync("server stopped mid-backup, started again after it ended", async () =>
        {
            using var journal = RunJournal.Open(_state);
            var (host, agent) = await SlowAgent.StartAsync(_server, _api, _state, secondsPerVolume: 2, "DOWN", journal: journal);
            await using var _ = agent;
            var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            agent.RunCompleted += _ => delivered.TrySetResult();
            var runId = await _api.RunNowAsync(host.HostId);
            await _api.BackingUpRunAsync(runId);

            await _server.StopAsync();
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
            var ended = await _api.EndedRunAsync(runId);
            Assert.Equal("Succeeded", ended.GetProperty("run").GetProperty("state").GetString());
            var events = FleetApi.EventsOnceInOrder(ended);
            Assert.Contains(events, e => e.GetProperty("message").GetString()?.Contains("The backup operation successfully completed.") == true);
            Assert.Empty(journal.Pending());
            return $"Succeeded; events 1..{events.Count} once each ({journaled.Unsent.Count} kept in the journal while the server was away)";
        });
}
