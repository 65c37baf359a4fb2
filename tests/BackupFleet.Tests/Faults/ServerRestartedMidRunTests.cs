using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Journal;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

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
    public async Task The_agent_finishes_the_backup_keeps_its_events_and_the_run_ends_succeeded_with_each_event_once()
    {
        var name = FleetApi.UniqueHostName("DOWN");
        var enrollment = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(enrollment.HostId, FleetApi.ValidPolicy(name));
        var platform = SimulatedPlatform.Load(AgentProcess.SlowScenario(_state, "fast-healthy.json", secondsPerVolume: 2));
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var journal = RunJournal.Open(_state);
        await using var agent = new AgentRuntime(_server.BaseAddress, enrollment.AgentCredential, platform, NullLogger.Instance, AgentTimings.Fast,
            journal: journal);
        agent.RunCompleted += _ => completed.TrySetResult();
        await agent.StartAsync(CancellationToken.None);
        var runId = (await (await _api.PostAsync($"/api/v1/hosts/{enrollment.HostId}/runs", null)).ReadJsonAsync()).GetProperty("id").GetGuid();
        await _api.GetJsonUntilAsync($"/api/v1/runs/{runId}", r =>
            r.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "Progress"));

        await _server.StopAsync();
        // The backup goes on without the server; its end waits in the journal.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (journal.Pending().SingleOrDefault()?.Completion is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The backup did not end on the host while the server was away.");
            await Task.Delay(100);
        }
        Assert.Equal("Succeeded", journal.Pending().Single().Completion!.State.ToString());
        await _server.StartAgainAsync();

        await completed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var ended = await _api.GetJsonUntilAsync($"/api/v1/runs/{runId}", r => r.GetProperty("run").GetProperty("state").GetString() != "Running");
        Assert.Equal("Succeeded", ended.GetProperty("run").GetProperty("state").GetString());
        var events = ended.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Contains(events, e => e.GetProperty("message").GetString()?.Contains("The backup operation successfully completed.") == true);
        Assert.Empty(journal.Pending());
    }
}
