using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

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
    public Task The_agent_stays_connected_health_says_degraded_and_the_run_ends_succeeded_with_each_event_once() =>
        FaultReport.RunAsync("PostgreSQL stopped mid-backup, started again", async () =>
        {
            var (host, agent) = await SlowAgent.StartAsync(_server, _api, _dir, secondsPerVolume: 2, "PG");
            await using var _ = agent;
            var other = await _api.EnrollAsync(FleetApi.UniqueHostName("PG"));
            await using var raw = await RawAgent.ConnectAsync(_server, other.AgentCredential, other.HostName);
            var runId = await _api.RunNowAsync(host.HostId);
            await _api.BackingUpRunAsync(runId);

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
            var ended = await _api.EndedRunAsync(runId);
            Assert.Equal("Succeeded", ended.GetProperty("run").GetProperty("state").GetString());
            var events = FleetApi.EventsOnceInOrder(ended);
            Assert.Contains(events, e => e.GetProperty("message").GetString()?.Contains("The backup operation successfully completed.") == true);
            Assert.Equal("Healthy", await _server.CreateClient(apiKey: null).GetStringAsync("/healthz"));
            return $"Succeeded; events 1..{events.Count} once each; agent stayed connected; /healthz Degraded meanwhile";
        });
}
