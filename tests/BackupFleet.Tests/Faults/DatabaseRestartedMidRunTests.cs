using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Faults;

/// <summary>Issue 7: PostgreSQL stops in the middle of a backup and comes back; the server keeps its agent and loses nothing.</summary>
public sealed class DatabaseRestartedMidRunTests : IAsyncLifetime
{
    private PrivatePostgres _postgres = default!;
    private TestServer _server = default!;
    private HttpClient _api = default!;
    private readonly string _dir = Directory.CreateTempSubdirectory("bf-db-fault-").FullName;

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Fleet"] = _postgres.ConnectionString });
        _api = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _postgres.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_agent_stays_connected_health_says_degraded_and_the_run_ends_succeeded_with_each_event_once()
    {
        var name = FleetApi.UniqueHostName("PG");
        var enrollment = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(enrollment.HostId, FleetApi.ValidPolicy(name));
        var platform = SimulatedPlatform.Load(AgentProcess.SlowScenario(_dir, "fast-healthy.json", secondsPerVolume: 2));
        await using var agent = new AgentRuntime(_server.BaseAddress, enrollment.AgentCredential, platform, NullLogger.Instance, AgentTimings.Fast);
        await agent.StartAsync(CancellationToken.None);
        var other = await _api.EnrollAsync(FleetApi.UniqueHostName("PG"));
        await using var raw = await RawAgent.ConnectAsync(_server, other.AgentCredential, other.HostName);
        var runId = (await (await _api.PostAsync($"/api/v1/hosts/{enrollment.HostId}/runs", null)).ReadJsonAsync()).GetProperty("id").GetGuid();
        await _api.GetJsonUntilAsync($"/api/v1/runs/{runId}", r =>
            r.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "Progress"));

        await _postgres.StopAsync();
        var health = await _server.CreateClient(apiKey: null).GetStringAsync("/healthz");
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            raw.ReportAsync(Guid.NewGuid(), new RunEventDto(1, DateTimeOffset.UtcNow, RunEventKind.Log, null, "line", null)));
        await Task.Delay(TimeSpan.FromSeconds(2)); // the backup goes on and its events meet the outage
        var connectedThroughout = agent.IsConnected;
        await _postgres.StartAgainAsync();

        Assert.Equal("Degraded", health);
        Assert.True(HubErrors.IsTryAgain(refused.Message), refused.Message);
        Assert.True(connectedThroughout, "The agent lost its connection while only the database was away.");
        var ended = await _api.GetJsonUntilAsync($"/api/v1/runs/{runId}", r => r.GetProperty("run").GetProperty("state").GetString() != "Running");
        Assert.Equal("Succeeded", ended.GetProperty("run").GetProperty("state").GetString());
        var events = ended.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Contains(events, e => e.GetProperty("message").GetString()?.Contains("The backup operation successfully completed.") == true);
        Assert.Equal("Healthy", await _server.CreateClient(apiKey: null).GetStringAsync("/healthz"));
    }
}
