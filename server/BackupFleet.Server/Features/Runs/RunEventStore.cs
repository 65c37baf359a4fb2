using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BackupFleet.Server.Features.Runs;

/// <summary>Stores an agent's batch of run events: one statement, idempotent by (run, sequence), only into the caller's own run.</summary>
public sealed class RunEventStore(FleetDb db, FleetChangeFeed feed)
{
    /// <returns>The highest sequence stored for the run, or null when the run is not <paramref name="hostId"/>'s (or does not exist).</returns>
    public async Task<int?> AppendAsync(Guid hostId, Guid runId, IReadOnlyList<RunEventDto> events, CancellationToken ct)
    {
        var last = events.Max(e => e.Sequence);
        var step = events.LastOrDefault(e => e.Kind == RunEventKind.StepStarted)?.Step?.ToString();
        var percent = events.LastOrDefault(e => e.Kind == RunEventKind.Progress)?.Percent;
        // The UPDATE proves ownership and moves the run's progress; the INSERT only runs for a run it found, and
        // unnest() turns the column arrays into rows. Both commit together; replayed events are ignored.
        var stored = await db.Database.SqlQueryRaw<int>(
            """
            WITH owned AS (
                UPDATE runs SET last_sequence = GREATEST(last_sequence, @last),
                                current_step = COALESCE(@step, current_step),
                                progress_percent = COALESCE(@percent, progress_percent)
                WHERE id = @run AND host_id = @host
                RETURNING id, last_sequence),
            inserted AS (
                INSERT INTO run_events (run_id, sequence, at, kind, step, message, percent)
                SELECT owned.id, t.seq, t.at, t.kind, t.step, t.message, t.percent
                FROM owned, unnest(@seqs, @ats, @kinds, @steps, @messages, @percents) AS t(seq, at, kind, step, message, percent)
                ON CONFLICT (run_id, sequence) DO NOTHING)
            SELECT last_sequence AS "Value" FROM owned
            """,
            new NpgsqlParameter("run", runId),
            new NpgsqlParameter("host", hostId),
            new NpgsqlParameter("last", last),
            new NpgsqlParameter("step", NpgsqlDbType.Text) { Value = (object?)step ?? DBNull.Value },
            new NpgsqlParameter("percent", NpgsqlDbType.Double) { Value = (object?)percent ?? DBNull.Value },
            new NpgsqlParameter("seqs", events.Select(e => e.Sequence).ToArray()),
            new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = events.Select(e => e.At.ToUniversalTime()).ToArray() },
            new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Kind.ToString()).ToArray() },
            new NpgsqlParameter("steps", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Step?.ToString()).ToArray() },
            new NpgsqlParameter("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Message).ToArray() },
            new NpgsqlParameter("percents", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = events.Select(e => e.Percent).ToArray() })
            .ToListAsync(ct);
        if (stored.Count == 0)
            return null;
        feed.PublishRunEventsAdded(runId);
        return stored[0];
    }

    /// <summary>How many events are stored; equal to the last sequence exactly when none is missing.</summary>
    public Task<int> CountAsync(Guid runId, CancellationToken ct) => db.RunEvents.CountAsync(e => e.RunId == runId, ct);
}
