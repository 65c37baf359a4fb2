using System.Net;
using System.Text.Json;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Schedules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Server;

/// <summary>Whole backups: API → server → SignalR → the real agent code on the simulated platform → back.</summary>
[Collection(ServerCollection.Name)]
public sealed class BackupRunFlowTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    private static string Scenario(string file) => Path.Combine(AppContext.BaseDirectory, "Scenarios", file);

    private Task<(AgentRuntime Agent, Guid HostId)> StartAgentAsync(string scenarioFile) =>
        StartAgentAsync(SimulatedPlatform.Load(Scenario(scenarioFile)));

    private async Task<(AgentRuntime Agent, Guid HostId)> StartAgentAsync(SimulatedPlatform platform)
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        Assert.Equal(HttpStatusCode.Created, (await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name))).StatusCode);
        var agent = new AgentRuntime(fixture.Server.BaseAddress, host.AgentCredential, platform, NullLogger.Instance, AgentTimings.Fast);
        await agent.StartAsync(CancellationToken.None);
        return (agent, host.HostId);
    }

    private async Task<string> RunNowAsync(Guid hostId)
    {
        var response = await _api.PostAsync($"/api/v1/hosts/{hostId}/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    private async Task<JsonElement> RunToEndAsync(Guid hostId) => await WaitUntilEndedAsync(await RunNowAsync(hostId));

    private async Task<JsonElement> WaitUntilEndedAsync(string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var details = await (await _api.GetAsync(location)).ReadJsonAsync();
            if (details.GetProperty("run").GetProperty("state").GetString() is not ("Queued" or "Running"))
                return details;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Run {location} did not finish in 30 s.");
    }

    private static List<string> Steps(JsonElement details) => details.GetProperty("events").EnumerateArray()
        .Where(e => e.GetProperty("kind").GetString() is "StepStarted" or "StepSucceeded" or "StepFailed")
        .Select(e => $"{e.GetProperty("step").GetString()}:{e.GetProperty("kind").GetString()}")
        .ToList();

    [Fact]
    public async Task A_run_stores_the_bytes_windows_reported_writing_and_a_failed_one_none()
    {
        var (healthy, healthyId) = await StartAgentAsync("fast-healthy.json");
        var (failing, failingId) = await StartAgentAsync("fast-failing.json");
        await using var _ = healthy;
        await using var __ = failing;

        var succeeded = (await RunToEndAsync(healthyId)).GetProperty("run");
        var failed = (await RunToEndAsync(failingId)).GetProperty("run");

        // The policy backs up the critical volumes: the scenario's EFI System Partition and C:, each its size less its free space.
        const long esp = 104857600 - 71303168, c = 136257837465 - 76665166233;
        Assert.Equal(esp + c, succeeded.GetProperty("bytesTransferred").GetInt64());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("bytesTransferred").ValueKind);
    }

    [Fact]
    public async Task Run_now_on_a_healthy_host_succeeds_with_every_step_in_order()
    {
        var (agent, hostId) = await StartAgentAsync("fast-healthy.json");
        await using var _ = agent;

        var details = await RunToEndAsync(hostId);

        var run = details.GetProperty("run");
        Assert.Equal("Succeeded", run.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("errorCode").ValueKind);
        Assert.True(run.GetProperty("durationSeconds").GetDouble() > 0);
        Assert.Equal(
        [
            "Preflight:StepStarted", "Preflight:StepSucceeded", "MountTarget:StepStarted", "MountTarget:StepSucceeded",
            "WaitForVolume:StepStarted", "WaitForVolume:StepSucceeded", "Backup:StepStarted", "Backup:StepSucceeded",
            "WaitForRelease:StepStarted", "WaitForRelease:StepSucceeded", "DismountTarget:StepStarted", "DismountTarget:StepSucceeded",
        ], Steps(details));
        var events = details.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "Progress" && e.GetProperty("percent").GetDouble() == 100);
        Assert.Contains(events, e => e.GetProperty("message").GetString()?.Contains("The backup operation successfully completed.") == true);
        Assert.True(details.GetProperty("simulated").GetBoolean(), "A simulated host's run must say so.");
        Assert.Equal("fast-healthy", details.GetProperty("scenarioName").GetString());
    }

    [Fact]
    public async Task A_failing_wbadmin_fails_the_run_with_its_error_code_and_the_target_is_still_dismounted()
    {
        var (agent, hostId) = await StartAgentAsync("fast-failing.json");
        await using var _ = agent;

        var details = await RunToEndAsync(hostId);

        var run = details.GetProperty("run");
        Assert.Equal("Failed", run.GetProperty("state").GetString());
        Assert.Equal("0x80780119", run.GetProperty("errorCode").GetString());
        var steps = Steps(details);
        Assert.Contains("Backup:StepFailed", steps);
        Assert.DoesNotContain("Backup:StepSucceeded", steps);
        Assert.True(steps.IndexOf("DismountTarget:StepSucceeded") > steps.IndexOf("Backup:StepFailed"),
            "the VHDX must be dismounted after the failed backup step: " + string.Join(", ", steps));
    }

    [Fact]
    public async Task A_vm_skipped_by_the_snapshot_ends_the_run_partial_with_the_vm_named()
    {
        var platform = SimulatedPlatform.Load(Scenario("fast-healthy.json"));
        platform = SimulatedPlatform.FromScenario(platform.Scenario with
        {
            Simulation = platform.Scenario.Simulation with
            {
                Faults = platform.Scenario.Simulation.Faults with
                {
                    SnapshotWarnings = ["The component APPSRV01(Online) was skipped during the snapshot and will not be available for recovery."],
                },
            },
        });
        var (agent, hostId) = await StartAgentAsync(platform);
        await using var _ = agent;

        var run = (await RunToEndAsync(hostId)).GetProperty("run");

        Assert.Equal("Partial", run.GetProperty("state").GetString());
        Assert.Contains("APPSRV01(Online)", run.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Cancelling_a_running_backup_stops_wbadmin_dismounts_and_ends_cancelled()
    {
        var slow = SimulatedPlatform.Load(Scenario("fast-healthy.json"));
        slow = SimulatedPlatform.FromScenario(slow.Scenario with { Simulation = slow.Scenario.Simulation with { SecondsPerVolume = 30 } });
        var (agent, hostId) = await StartAgentAsync(slow);
        await using var _ = agent;
        var location = await RunNowAsync(hostId);
        var runId = Guid.Parse(location.Split('/')[^1]);
        await WaitForAsync(async () => (await (await _api.GetAsync(location)).ReadJsonAsync()).GetProperty("run").GetProperty("currentStep").ToString() == "Backup");

        var cancel = await _api.PostAsync($"/api/v1/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var details = await WaitUntilEndedAsync(location);
        Assert.Equal("Cancelled", details.GetProperty("run").GetProperty("state").GetString());
        Assert.Contains("DismountTarget:StepSucceeded", Steps(details));
        Assert.Equal("dismount", slow.VirtualDisks.History[^1].Split(' ')[0]);
        Assert.Equal(HttpStatusCode.Conflict, (await _api.PostAsync($"/api/v1/runs/{runId}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_queued_run_ends_it_at_once()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var location = await RunNowAsync(host.HostId);

        var cancel = await (await _api.PostAsync($"{location}/cancel", null)).ReadJsonAsync();

        Assert.Equal("Cancelled", cancel.GetProperty("state").GetString());
        Assert.Equal("Cancelled", (await (await _api.GetAsync(location)).ReadJsonAsync()).GetProperty("run").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_schedule_fire_during_a_backup_queues_one_run_that_starts_after_it_and_both_succeed()
    {
        var platform = SimulatedPlatform.Load(Scenario("fast-healthy.json"));
        platform = SimulatedPlatform.FromScenario(platform.Scenario with { Simulation = platform.Scenario.Simulation with { SecondsPerVolume = 0.5 } });
        var (agent, hostId) = await StartAgentAsync(platform);
        await using var _ = agent;

        await FireScheduleAsync(hostId);
        await WaitForAsync(async () => (await RunsAsync(hostId)).Any(r => r.GetProperty("state").GetString() == "Running"));
        // As when a backup outlasts its interval: the next fires while it runs, and once more while that one waits.
        await FireScheduleAsync(hostId);
        await FireScheduleAsync(hostId);

        await WaitForAsync(async () => (await RunsAsync(hostId)) is { Count: 2 } runs && runs.All(r => r.GetProperty("state").GetString() == "Succeeded"));
        var items = await RunsAsync(hostId);
        Assert.True(items[1].GetProperty("finishedAt").GetDateTimeOffset() <= items[0].GetProperty("startedAt").GetDateTimeOffset(),
            "the second run must start only after the first finished");
    }

    [Fact]
    public async Task Repeated_schedule_fires_while_the_host_is_offline_queue_a_single_run()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));

        for (var fire = 0; fire < 5; fire++)
            await FireScheduleAsync(host.HostId);

        var runs = await RunsAsync(host.HostId);
        var queued = Assert.Single(runs);
        Assert.Equal("Queued", queued.GetProperty("state").GetString());
        var details = await (await _api.GetAsync($"/api/v1/runs/{queued.GetProperty("id").GetGuid()}")).ReadJsonAsync();
        Assert.StartsWith("The host's agent is offline", details.GetProperty("waitingFor").GetString());
    }

    /// <summary>The host's schedule comes due and is fired at once, here or by the server's own loop, whichever claims it first.</summary>
    private async Task FireScheduleAsync(Guid hostId)
    {
        await DueSchedules.MakeDueAsync(fixture.Server.DatabaseConnectionString, hostId);
        await using (var scope = fixture.Server.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DueScheduleFirer>().FireDueAsync(CancellationToken.None);
        await DueSchedules.WaitFiredAsync(fixture.Server.DatabaseConnectionString, hostId);
    }

    private async Task<List<JsonElement>> RunsAsync(Guid hostId) =>
        (await (await _api.GetAsync($"/api/v1/hosts/{hostId}/runs")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition did not become true in 15 s.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Host_is_online_while_its_agent_is_connected_and_offline_after()
    {
        var (agent, hostId) = await StartAgentAsync("fast-healthy.json");
        var online = await (await _api.GetAsync($"/api/v1/hosts/{hostId}")).ReadJsonAsync();
        Assert.Equal("Online", online.GetProperty("status").GetString());
        Assert.True(online.GetProperty("simulated").GetBoolean());

        await agent.DisposeAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? status = null;
        while (DateTime.UtcNow < deadline && status != "Offline")
        {
            status = (await (await _api.GetAsync($"/api/v1/hosts/{hostId}")).ReadJsonAsync()).GetProperty("status").GetString();
            await Task.Delay(100);
        }
        Assert.Equal("Offline", status);
    }

    [Fact]
    public async Task Deleting_runs_or_their_host_deletes_their_events()
    {
        // run_events has no foreign key to runs (its per-row check cost most of the ingest); a trigger keeps the cascade.
        var (first, firstHost) = await StartAgentAsync("fast-healthy.json");
        var (second, secondHost) = await StartAgentAsync("fast-healthy.json");
        await using var _ = first;
        await using var __ = second;
        var firstRun = (await RunToEndAsync(firstHost)).GetProperty("run").GetProperty("id").GetGuid();
        var secondRun = (await RunToEndAsync(secondHost)).GetProperty("run").GetProperty("id").GetGuid();
        await using var scope = fixture.Server.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FleetDb>();
        Assert.True(await db.RunEvents.CountAsync(e => e.RunId == firstRun) > 0);
        Assert.True(await db.RunEvents.CountAsync(e => e.RunId == secondRun) > 0);

        await db.Runs.Where(r => r.Id == firstRun).ExecuteDeleteAsync();
        await db.Hosts.Where(h => h.Id == secondHost).ExecuteDeleteAsync();

        Assert.False(await db.RunEvents.AnyAsync(e => e.RunId == firstRun || e.RunId == secondRun));
    }
}
