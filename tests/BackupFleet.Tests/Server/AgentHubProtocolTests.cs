using System.Net;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace BackupFleet.Tests.Server;

/// <summary>What the hub accepts from an agent, driven by a bare connection rather than the agent's code.</summary>
[Collection(ServerCollection.Name)]
public sealed class AgentHubProtocolTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(RawAgent Agent, Guid HostId, Guid RunId)> HostWithDispatchedRunAsync()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var agent = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);
        var response = await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
        var job = await agent.NextJobAsync(Wait);
        Assert.Equal(runId, job.RunId);
        return (agent, host.HostId, runId);
    }

    private static RunEventDto Step(int seq, RunEventKind kind, BackupStep step) => new(seq, DateTimeOffset.UtcNow, kind, step, null, null);

    private async Task<string> RunStateAsync(Guid runId) =>
        (await (await _api.GetAsync($"/api/v1/runs/{runId}")).ReadJsonAsync()).GetProperty("run").GetProperty("state").GetString()!;

    [Fact]
    public async Task Dispatched_job_carries_the_policy_and_can_be_claimed_only_once()
    {
        var (agent, _, runId) = await HostWithDispatchedRunAsync();
        await using var _ = agent;

        Assert.True(await agent.AcceptAsync(runId));
        Assert.False(await agent.AcceptAsync(runId));
        Assert.Equal("Running", await RunStateAsync(runId));
    }

    [Fact]
    public async Task Replayed_events_are_stored_once()
    {
        var (agent, _, runId) = await HostWithDispatchedRunAsync();
        await using var _ = agent;
        await agent.AcceptAsync(runId);
        var batch = new[] { Step(1, RunEventKind.StepStarted, BackupStep.Preflight), Step(2, RunEventKind.StepSucceeded, BackupStep.Preflight) };

        Assert.Equal(2, await agent.ReportAsync(runId, batch));
        Assert.Equal(2, await agent.ReportAsync(runId, batch));

        var details = await (await _api.GetAsync($"/api/v1/runs/{runId}")).ReadJsonAsync();
        Assert.Equal([1, 2], details.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()));
    }

    [Fact]
    public async Task Completion_with_missing_events_is_refused()
    {
        var (agent, _, runId) = await HostWithDispatchedRunAsync();
        await using var _ = agent;
        await agent.AcceptAsync(runId);
        await agent.ReportAsync(runId, Step(1, RunEventKind.StepStarted, BackupStep.Preflight));

        var error = await Assert.ThrowsAsync<HubException>(() =>
            agent.CompleteAsync(new RunCompletion(runId, RunState.Failed, DateTimeOffset.UtcNow, null, "x", LastSequence: 3)));

        Assert.Contains("1 of 3 events", error.Message);
        Assert.Equal("Running", await RunStateAsync(runId));
    }

    [Fact]
    public async Task Success_without_a_completed_backup_step_is_stored_as_failed()
    {
        var (agent, _, runId) = await HostWithDispatchedRunAsync();
        await using var _ = agent;
        await agent.AcceptAsync(runId);
        await agent.ReportAsync(runId, Step(1, RunEventKind.StepStarted, BackupStep.Backup), Step(2, RunEventKind.StepFailed, BackupStep.Backup));

        await agent.CompleteAsync(new RunCompletion(runId, RunState.Succeeded, DateTimeOffset.UtcNow, null, null, LastSequence: 2));

        var run = (await (await _api.GetAsync($"/api/v1/runs/{runId}")).ReadJsonAsync()).GetProperty("run");
        Assert.Equal("Failed", run.GetProperty("state").GetString());
        Assert.Equal(RunCompletionHandler.UnprovenSuccess, run.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Agent_cannot_act_on_another_hosts_run()
    {
        var (owner, _, runId) = await HostWithDispatchedRunAsync();
        await using var _ = owner;
        var intruderName = FleetApi.UniqueHostName();
        var intruderHost = await _api.EnrollAsync(intruderName);
        await using var intruder = await RawAgent.ConnectAsync(fixture.Server, intruderHost.AgentCredential, intruderName);

        var accept = await Assert.ThrowsAsync<HubException>(() => intruder.AcceptAsync(runId));
        var report = await Assert.ThrowsAsync<HubException>(() => intruder.ReportAsync(runId, Step(1, RunEventKind.Log, BackupStep.Backup)));

        Assert.Contains("belongs to another host", accept.Message);
        Assert.Contains("belongs to another host", report.Message);
        Assert.Equal("Queued", await RunStateAsync(runId));
    }

    [Fact]
    public async Task Hub_refuses_a_connection_without_a_valid_credential()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => RawAgent.ConnectAsync(fixture.Server, "bfa_not-a-credential", "NOBODY"));
    }

    [Fact]
    public async Task A_run_queued_while_the_host_is_offline_is_delivered_when_its_agent_connects()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var runId = (await (await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null)).ReadJsonAsync()).GetProperty("id").GetGuid();

        await using var agent = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);

        Assert.Equal(runId, (await agent.NextJobAsync(Wait)).RunId);
    }

    [Fact]
    public async Task Second_run_now_while_one_is_active_is_a_conflict_naming_the_active_run()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var first = await (await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null)).ReadJsonAsync();

        var second = await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(first.GetProperty("id").GetGuid(), (await second.ReadJsonAsync()).GetProperty("runId").GetGuid());
    }

    [Fact]
    public async Task A_run_the_agent_lost_is_interrupted_when_it_reconnects_and_the_host_is_free_again()
    {
        var (agent, hostId, runId) = await HostWithDispatchedRunAsync();
        var credential = agent.Credential;
        await agent.AcceptAsync(runId);
        await agent.DisposeAsync();

        // The agent restarts: it says hello without an active run.
        await using var restarted = await RawAgent.ConnectAsync(fixture.Server, credential, "RESTARTED");

        var run = (await (await _api.GetAsync($"/api/v1/runs/{runId}")).ReadJsonAsync()).GetProperty("run");
        Assert.Equal("Interrupted", run.GetProperty("state").GetString());
        Assert.Equal(LostRunHandler.LostMessage, run.GetProperty("errorMessage").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await _api.PostAsync($"/api/v1/hosts/{hostId}/runs", null)).StatusCode);
    }

    [Fact]
    public async Task A_run_the_agent_still_runs_is_kept_when_it_reconnects()
    {
        var (agent, _, runId) = await HostWithDispatchedRunAsync();
        var credential = agent.Credential;
        await agent.AcceptAsync(runId);
        await agent.DisposeAsync();

        await using var reconnected = await RawAgent.ConnectAsync(fixture.Server, credential, "RECONNECTED", activeRunId: runId);

        Assert.Equal("Running", await RunStateAsync(runId));
    }

    [Fact]
    public async Task Event_with_a_nul_character_is_refused_with_a_clear_reason()
    {
        var (agent, _, runId) = await HostWithDispatchedRunAsync();
        await using var _ = agent;
        await agent.AcceptAsync(runId);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            agent.ReportAsync(runId, new RunEventDto(1, DateTimeOffset.UtcNow, RunEventKind.Log, BackupStep.Backup, "bad\0line", null)));

        Assert.Contains("NUL", error.Message);
    }

    [Fact]
    public async Task Many_simultaneous_run_now_requests_queue_exactly_one_run()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }
}
