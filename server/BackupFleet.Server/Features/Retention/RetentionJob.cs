using BackupFleet.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Retention;

/// <summary>
/// Thins out old run events in batches so the database grows with the fleet, not with time: the progress lines of runs
/// that ended longer ago than Retention:ProgressEventsFor, then every event of runs older than Retention:RunEventsFor.
/// The run itself stays (state, times, error code and message, bytes) and says what was removed.
/// </summary>
public sealed class RetentionJob(FleetDb db, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> log)
{
    public const string JobId = "retention-run-events";

    public sealed record Pruned(int Runs, int Events);

    public async Task<Pruned> PruneAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var all = await PruneAsync(now - o.RunEventsFor, EventRetention.None, ct);
        var progress = await PruneAsync(now - o.ProgressEventsFor, EventRetention.NoProgress, ct);
        var pruned = new Pruned(all.Runs + progress.Runs, all.Events + progress.Events);
        if (pruned.Runs > 0)
            log.LogInformation("Retention: {Events} events of {Runs} runs removed", pruned.Events, pruned.Runs);
        return pruned;
    }

    /// <summary>Brings every run that ended before <paramref name="cutoff"/> down to <paramref name="keep"/>, a batch of runs per transaction.</summary>
    private async Task<Pruned> PruneAsync(DateTimeOffset cutoff, EventRetention keep, CancellationToken ct)
    {
        var total = new Pruned(0, 0);
        var batch = options.Value.BatchSize;
        while (true)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var runs = await db.Runs.Where(r => r.FinishedAt != null && r.FinishedAt < cutoff && r.EventsKept != EventRetention.None && r.EventsKept != keep)
                .OrderBy(r => r.FinishedAt).Select(r => r.Id).Take(batch).ToListAsync(ct);
            if (runs.Count == 0)
                return total;
            var all = keep == EventRetention.None;
            var events = await db.RunEvents.Where(e => runs.Contains(e.RunId) && (all || e.Kind == Shared.Runs.RunEventKind.Progress)).ExecuteDeleteAsync(ct);
            await db.Runs.Where(r => runs.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.EventsKept, keep), ct);
            await tx.CommitAsync(ct);
            total = new Pruned(total.Runs + runs.Count, total.Events + events);
            if (runs.Count < batch)
                return total;
        }
    }
}
