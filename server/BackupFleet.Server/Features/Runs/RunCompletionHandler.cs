using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Runs;

/// <summary>Records a run's end. A run is stored as Succeeded only when its full history is here and shows the backup step done.</summary>
public sealed class RunCompletionHandler(FleetDb db, RunEventStore events, RunDispatcher dispatcher, NotificationOutbox notifications, FleetChangeFeed feed,
    ILogger<RunCompletionHandler> log)
{
    public const string UnprovenSuccess = "The agent reported success, but the run's history has no completed backup step.";

    public async Task CompleteAsync(Guid hostId, RunCompletion c, CancellationToken ct)
    {
        var stored = await events.CountAsync(c.RunId, ct);
        if (stored != c.LastSequence)
            throw new HubException($"Run {c.RunId} has {stored} of {c.LastSequence} events stored; send the missing ones first.");

        var state = c.State;
        var errorMessage = c.ErrorMessage;
        if (state is RunState.Succeeded or RunState.Partial && !await db.RunEvents.AnyAsync(e => e.RunId == c.RunId && e.Kind == RunEventKind.StepSucceeded && e.Step == BackupStep.Backup, ct))
        {
            log.LogWarning("Run {RunId}: success reported without a completed backup step; stored as Failed", c.RunId);
            (state, errorMessage) = (RunState.Failed, UnprovenSuccess);
        }

        var finishedAt = c.FinishedAt.ToUniversalTime();
        var updated = await db.Runs.Where(r => r.Id == c.RunId && r.State == RunState.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, state)
                // The agent's clock may be behind the server's: a run never ends before it started.
                .SetProperty(r => r.FinishedAt, r => r.StartedAt != null && r.StartedAt > finishedAt ? r.StartedAt : finishedAt)
                .SetProperty(r => r.ErrorCode, c.ErrorCode)
                .SetProperty(r => r.ErrorMessage, errorMessage)
                .SetProperty(r => r.BytesTransferred, c.BytesTransferred), ct);
        if (updated == 0)
        {
            var current = await db.Runs.Where(r => r.Id == c.RunId).Select(r => r.State).FirstAsync(ct);
            if (current == state)
                return; // a replayed completion
            throw new HubException($"Run {c.RunId} is {current}; it cannot become {state}.");
        }

        feed.PublishRunChanged(new RunChange(c.RunId, hostId, state));
        feed.PublishHostChanged(hostId);
        await notifications.RunEndedAsync(c.RunId, ct);
        var nas = await db.Runs.Where(r => r.Id == c.RunId).Select(r => r.TargetServer).FirstAsync(ct);
        await dispatcher.DispatchAfterRunEndedAsync(hostId, nas, ct);
    }
}
