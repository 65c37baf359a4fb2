using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BackupFleet.Server.Features.Runs;

/// <summary>Stores an agent's batch of run events with one INSERT, idempotently by (run, sequence).</summary>
public sealed class RunEventStore(FleetDb db, FleetChangeFeed feed)
{
    public async Task<int> AppendAsync(Guid runId, IReadOnlyList<RunEventDto> events, CancellationToken ct)
    {
        if (events.Count > 0)
        {
            // unnest() turns the column arrays into rows: one round trip for the whole batch, replays ignored.
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO run_events (run_id, sequence, at, kind, step, message, percent)
                SELECT @run, t.seq, t.at, t.kind, t.step, t.message, t.percent
                FROM unnest(@seqs, @ats, @kinds, @steps, @messages, @percents) AS t(seq, at, kind, step, message, percent)
                ON CONFLICT (run_id, sequence) DO NOTHING
                """,
                [
                    new NpgsqlParameter("run", runId),
                    new NpgsqlParameter("seqs", events.Select(e => e.Sequence).ToArray()),
                    new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = events.Select(e => e.At.ToUniversalTime()).ToArray() },
                    new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Kind.ToString()).ToArray() },
                    new NpgsqlParameter("steps", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Step?.ToString()).ToArray() },
                    new NpgsqlParameter("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Message).ToArray() },
                    new NpgsqlParameter("percents", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = events.Select(e => e.Percent).ToArray() },
                ],
                ct);

            var last = events.MaxBy(e => e.Sequence)!.Sequence;
            var step = events.LastOrDefault(e => e.Kind == RunEventKind.StepStarted)?.Step;
            var percent = events.LastOrDefault(e => e.Kind == RunEventKind.Progress)?.Percent;
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LastSequence, r => r.LastSequence > last ? r.LastSequence : last)
                .SetProperty(r => r.CurrentStep, r => step ?? r.CurrentStep)
                .SetProperty(r => r.ProgressPercent, r => percent ?? r.ProgressPercent), ct);
            feed.PublishRunEventsAdded(runId);
        }
        return await db.Runs.Where(r => r.Id == runId).Select(r => r.LastSequence).FirstAsync(ct);
    }

    /// <summary>How many events are stored; equal to the last sequence exactly when none is missing.</summary>
    public Task<int> CountAsync(Guid runId, CancellationToken ct) => db.RunEvents.CountAsync(e => e.RunId == runId, ct);
}
