using System.Net;
using System.Text.Json;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Server;

/// <summary>Whole backups: API → server → SignalR → the real agent code on the simulated platform → back.</summary>
[Collection(ServerCollection.Name)]
public sealed class BackupRunFlowTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    private static string Scenario(string file) => Path.Combine(AppContext.BaseDirectory, "Scenarios", file);

    private async Task<(AgentRuntime Agent, Guid HostId)> StartAgentAsync(string scenarioFile)
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        Assert.Equal(HttpStatusCode.Created, (await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name))).StatusCode);
        var agent = new AgentRuntime(fixture.Server.BaseAddress, host.AgentCredential, SimulatedPlatform.Load(Scenario(scenarioFile)), NullLogger.Instance, AgentTimings.Fast);
        await agent.StartAsync(CancellationToken.None);
        return (agent, host.HostId);
    }

    private async Task<JsonElement> RunToEndAsync(Guid hostId)
    {
        var response = await _api.PostAsync($"/api/v1/hosts/{hostId}/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
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
}
