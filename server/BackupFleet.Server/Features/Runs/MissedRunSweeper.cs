using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Runs;

/// <summary>Marks queued runs that no agent took within their start window as Missed (a Hangfire job every minute).</summary>
public sealed class MissedRunSweeper(FleetDb db, NotificationOutbox notifications, FleetChangeFeed feed, TimeProvider clock, ILogger<MissedRunSweeper> log)
{
    public const string JobId = "runs:mark-missed";
    public const string MissedMessage = "The host's agent did not start the run within the policy's start window.";

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Runs.Where(r => r.State == RunState.Queued && r.StartBy <= now).Select(r => r.Id).ToListAsync(ct);
        if (due.Count == 0)
            return;
        var missed = await db.Runs
            .Where(r => due.Contains(r.Id) && r.State == RunState.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, RunState.Missed)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.ErrorMessage, MissedMessage), ct);
        log.LogWarning("{Count} queued runs passed their start window and are now Missed", missed);
        feed.PublishFleetChanged();
        // A run that started in the meantime is not Missed, and the outbox sends only for runs that are.
        foreach (var runId in due)
            await notifications.RunEndedAsync(runId, ct);
    }
}
