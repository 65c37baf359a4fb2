using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Agents;
using BackupFleet.Server.Features.Live;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using BackupFleet.Server.Features.Audit;

namespace BackupFleet.Server.Features.Runs;

public abstract record CancelRunResult
{
    /// <summary>The run never started and is now Cancelled.</summary>
    public sealed record Cancelled : CancelRunResult;
    /// <summary>The agent was asked to stop; it dismounts and reports the run as Cancelled.</summary>
    public sealed record Requested : CancelRunResult;
    public sealed record AlreadyFinished(RunState State) : CancelRunResult;
    public sealed record NotFound : CancelRunResult;
}

/// <summary>Cancels a run: a queued one at once, a running one through its agent, which still dismounts the target.</summary>
public sealed class RunCanceller(FleetDb db, IHubContext<AgentHub, IAgentClient> hub, FleetChangeFeed feed, AuditLog audit, TimeProvider clock)
{
    public const string CancelledBeforeStart = "Cancelled before the agent started it.";

    public async Task<CancelRunResult> CancelAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.HostId, r.State }).FirstOrDefaultAsync(ct);
        if (run is null)
            return new CancelRunResult.NotFound();

        var now = clock.GetUtcNow();
        var cancelledQueued = await db.Runs.Where(r => r.Id == runId && r.State == RunState.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, RunState.Cancelled)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.ErrorMessage, CancelledBeforeStart), ct);
        if (cancelledQueued == 1)
        {
            await audit.RecordAsync(AuditActions.RunCancelled, AuditTargets.Run(runId), new { state = nameof(RunState.Queued) }, new { state = nameof(RunState.Cancelled) }, ct);
            feed.PublishRunChanged(new RunChange(runId, run.HostId, RunState.Cancelled));
            return new CancelRunResult.Cancelled();
        }

        var state = await db.Runs.Where(r => r.Id == runId).Select(r => r.State).FirstAsync(ct);
        if (state != RunState.Running)
            return new CancelRunResult.AlreadyFinished(state);
        await hub.Clients.User(run.HostId.ToString()).CancelRun(runId);
        await audit.RecordAsync(AuditActions.RunCancelled, AuditTargets.Run(runId), new { state = nameof(RunState.Running) }, new { cancelRequested = true }, ct);
        return new CancelRunResult.Requested();
    }
}
