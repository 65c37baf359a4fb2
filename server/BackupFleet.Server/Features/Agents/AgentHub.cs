using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Server.Features.Auth;
using BackupFleet.Server.Features.Inventory;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Provisioning;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Server.Features.ScaleOut;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Agents;

/// <summary>The agents' hub. Every call acts for the host of the caller's credential and nothing else.</summary>
[Authorize(AuthenticationSchemes = AuthSchemes.Agent)]
public sealed class AgentHub(
    FleetDb db, RunDispatcher dispatcher, RunEventStore events, RunCompletionHandler completions, LostRunHandler runs, InventoryStore inventory,
    ProvisioningReports provisioning, AuditLog audit, AuditActor actor, AgentConnections connections, FleetChangeFeed feed, ServerNode node, TimeProvider clock, ILogger<AgentHub> log) : Hub<IAgentClient>, IAgentHub
{
    private Guid HostId => Context.User!.HostId();

    public async Task<HelloAck> Hello(AgentHello hello)
    {
        AgentInput.Validate(hello);
        await EnsureCredentialValidAsync();
        var hostId = HostId;
        var now = clock.GetUtcNow();
        await db.Hosts.Where(h => h.Id == hostId).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.ConnectionId, Context.ConnectionId)
            .SetProperty(h => h.ConnectionNode, node.Id)
            .SetProperty(h => h.LastSeenAt, now)
            .SetProperty(h => h.AgentVersion, hello.AgentVersion)
            .SetProperty(h => h.OsDescription, hello.OsDescription)
            .SetProperty(h => h.Simulated, hello.Simulated)
            .SetProperty(h => h.ScenarioName, hello.ScenarioName));
        if (hello.Notice is not null)
        {
            await db.Hosts.Where(h => h.Id == hostId).ExecuteUpdateAsync(s => s.SetProperty(h => h.AgentNotice, hello.Notice).SetProperty(h => h.AgentNoticeAt, now));
            log.LogWarning("Agent of host {HostId} reports: {Notice}", hostId, hello.Notice);
        }
        var name = await db.Hosts.Where(h => h.Id == hostId).Select(h => h.Name).FirstAsync();
        await runs.InterruptLostRunsAsync(hostId, hello.ActiveRunId, hello.JournaledRunIds ?? [], Context.ConnectionAborted);
        await provisioning.FailLostJobsAsync(hostId, hello.ActiveProvisioningId, Context.ConnectionAborted);
        log.LogInformation("Agent of {Host} connected ({Version}{Simulated})", name, hello.AgentVersion, hello.Simulated ? ", SIMULATED" : "");
        feed.PublishHostChanged(hostId);

        await dispatcher.DispatchNextAsync(hostId, Context.ConnectionAborted);
        return new HelloAck(hostId, name);
    }

    public async Task<bool> AcceptJob(Guid runId)
    {
        await EnsureCredentialValidAsync();
        var run = await OwnRunAsync(runId);
        try
        {
            // The partial unique index "one Running run per host" makes this claim safe against races.
            var claimed = await dispatcher.ClaimAsync(runId, Context.ConnectionAborted);
            if (claimed)
                feed.PublishRunChanged(new RunChange(runId, run.HostId, RunState.Running));
            return claimed;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    public async Task<int> ReportEvents(RunEventBatch batch)
    {
        AgentInput.Validate(batch);
        if (await events.AppendAsync(HostId, batch.RunId, batch.Events, Context.ConnectionAborted) is { } stored)
            return stored;
        await OwnRunAsync(batch.RunId); // says why: unknown run, or another host's
        throw new HubException($"Run {batch.RunId} could not be updated.");
    }

    public async Task CompleteRun(RunCompletion completion)
    {
        AgentInput.Validate(completion);
        var run = await OwnRunAsync(completion.RunId);
        await completions.CompleteAsync(run.HostId, completion, Context.ConnectionAborted);
    }

    public async Task ReportInventory(InventoryReport report)
    {
        var snapshot = AgentInput.Validate(report);
        await inventory.SaveInventoryAsync(HostId, report, snapshot, Context.ConnectionAborted);
    }

    public async Task ReportBackupVersions(BackupVersionsReport report)
    {
        AgentInput.Validate(report);
        await inventory.SaveVersionsAsync(HostId, report, Context.ConnectionAborted);
    }

    public async Task ReportProvisioning(ProvisioningUpdate update)
    {
        AgentInput.Validate(update);
        await EnsureCredentialValidAsync();
        try
        {
            await provisioning.ApplyAsync(HostId, update, Context.ConnectionAborted);
        }
        catch (ProvisioningReports.OtherHostsJobException e)
        {
            await AuditRefusalAsync(AuditTargets.Job(update.JobId), e.Owner);
            throw new HubException(e.Message);
        }
    }

    public override async Task OnConnectedAsync()
    {
        connections.Opened(HostId, Context);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var hostId = HostId;
        connections.Closed(hostId, Context.ConnectionId);
        var now = clock.GetUtcNow();
        // Only clear our own connection: a reconnect may already have replaced it. When the host has another connection
        // still open (a second agent with its credential, a reconnect that said Hello before this one closed), that one
        // takes over: the host stays online as long as an agent of it is.
        var successor = connections.OtherOf(hostId, Context.ConnectionId);
        var cleared = await db.Hosts.Where(h => h.Id == hostId && h.ConnectionId == Context.ConnectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ConnectionId, successor)
                .SetProperty(h => h.ConnectionNode, successor is null ? (Guid?)null : node.Id).SetProperty(h => h.LastSeenAt, now));
        if (cleared > 0)
            feed.PublishHostChanged(hostId);
        await base.OnDisconnectedAsync(exception);
    }

    private async Task AuditRefusalAsync(string target, Guid owner)
    {
        actor.Set($"agent of host {HostId}", ActorKinds.Agent, Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString());
        await audit.RecordAsync(AuditActions.AgentRefused, target, null, new { caller = HostId, owner });
    }

    /// <summary>A credential revoked (host re-enrolled) while its connection was open may not start anything more.</summary>
    private async Task EnsureCredentialValidAsync()
    {
        var credentialId = Context.User!.CredentialId();
        if (await db.AgentCredentials.AnyAsync(c => c.Id == credentialId && c.RevokedAt == null))
            return;
        log.LogWarning("Refused: host {HostId} used its revoked credential {CredentialId}", HostId, credentialId);
        throw new HubException("This agent's credential was revoked; enroll the agent again.");
    }

    private async Task<(Guid HostId, RunState State)> OwnRunAsync(Guid runId)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.HostId, r.State }).FirstOrDefaultAsync()
            ?? throw new HubException($"Run {runId} does not exist.");
        if (run.HostId != HostId)
        {
            log.LogWarning("Refused: agent of host {Caller} acted on run {RunId} of host {Owner}", HostId, runId, run.HostId);
            await AuditRefusalAsync(AuditTargets.Run(runId), run.HostId);
            throw new HubException($"Run {runId} belongs to another host.");
        }
        return (run.HostId, run.State);
    }
}
