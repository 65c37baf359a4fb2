using System.Text.Json;
using BackupFleet.Bench.Load;
using BackupFleet.Bench.Server;
using BackupFleet.Shared.Runs;
using Npgsql;
using NpgsqlTypes;

namespace BackupFleet.Bench.History;

/// <summary>
/// Two years of nightly history for the fleet, written straight into <c>runs</c> with a binary COPY so that millions of rows
/// take minutes. The runs have ended long ago and their events were pruned (events_kept = None), as retention leaves them;
/// their states are what a fleet sees: mostly successes, some partial, failed, missed, cancelled and interrupted.
/// </summary>
public static class RunHistoryWriter
{
    private static readonly TimeSpan Span = TimeSpan.FromDays(730);

    /// <summary>Writes about <paramref name="total"/> runs spread evenly over the hosts; returns how many were written.</summary>
    // The server's trigger that keeps a host's standing as its runs are inserted (migration HostStanding).
    private const string StandingTrigger = "runs_host_standing_insert";

    public static async Task<long> WriteAsync(BenchDatabase database, IReadOnlyList<BenchHost> hosts, int total)
    {
        var perHost = Math.Max(1, total / hosts.Count);
        var interval = Span / perHost;
        var end = DateTimeOffset.UtcNow.AddHours(-6);
        var random = new Random(8);
        var offsets = hosts.Select(_ => TimeSpan.FromMinutes(random.Next(0, (int)Math.Min(interval.TotalMinutes, 24 * 60)))).ToArray();
        var specs = hosts.Select(h => JsonSerializer.Serialize(new BackupSpec(FleetScenario.TargetPath(h.Name, h.Nas), "B:", true, true, ["C:"], 5, 5))).ToArray();

        await using var connection = await database.OpenAsync();
        // The secondary indexes are built once after the load, far faster than kept up row by row; their definitions are the server's own.
        var indexes = await SecondaryIndexesAsync(connection);
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX {name}");
        // Likewise each host's standing (last run, last result) is worked out once at the end, not by the trigger per row.
        await ExecuteAsync(connection, $"ALTER TABLE runs DISABLE TRIGGER {StandingTrigger}");

        long written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY runs (id, host_id, state, trigger, queued_at, start_by, started_at, finished_at, spec_json, target_server, current_step, "
            + "progress_percent, last_sequence, error_code, error_message, bytes_transferred, events_kept) FROM STDIN (FORMAT BINARY)"))
        {
            // Oldest first across the fleet, so the primary key (time-ordered UUIDs) grows at its end.
            for (var k = 0; k < perHost; k++)
            {
                for (var h = 0; h < hosts.Count; h++)
                {
                    var queuedAt = end - Span + interval * k + offsets[h];
                    await WriteRunAsync(copy, hosts[h], specs[h], queuedAt, random);
                    written++;
                }
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
        foreach (var (_, definition) in indexes)
            await ExecuteAsync(connection, definition);
        await ExecuteAsync(connection, $"ALTER TABLE runs ENABLE TRIGGER {StandingTrigger}");
        await ExecuteAsync(connection, "SELECT host_standing_refresh(ARRAY(SELECT id FROM hosts))");
        return written;
    }

    private static async Task WriteRunAsync(NpgsqlBinaryImporter copy, BenchHost host, string spec, DateTimeOffset queuedAt, Random random)
    {
        var roll = random.Next(1000);
        var state = roll switch
        {
            < 900 => RunState.Succeeded,
            < 940 => RunState.Partial,
            < 970 => RunState.Failed,
            < 980 => RunState.Missed,
            < 990 => RunState.Cancelled,
            _ => RunState.Interrupted,
        };
        var startBy = queuedAt.AddMinutes(240);
        DateTimeOffset? startedAt = state == RunState.Missed ? null : queuedAt.AddSeconds(random.Next(1, 30));
        var finishedAt = startedAt?.AddMinutes(random.Next(20, 120)) ?? startBy;
        var (code, message) = state switch
        {
            RunState.Failed => ("0x80780119", "There is not enough disk space to create the volume shadow copy on the storage location."),
            RunState.Partial => (null, "The backup completed, but the snapshot skipped VM APP02: that part cannot be restored."),
            RunState.Missed => (null, "No agent took the run within its start window."),
            RunState.Interrupted => (null, "The agent stopped during this run; the backup's result is unknown."),
            RunState.Cancelled => (null, "The run was cancelled from the server."),
            _ => ((string?)null, (string?)null),
        };
        await copy.StartRowAsync();
        await copy.WriteAsync(Guid.CreateVersion7(queuedAt), NpgsqlDbType.Uuid);
        await copy.WriteAsync(host.HostId, NpgsqlDbType.Uuid);
        await copy.WriteAsync(state.ToString(), NpgsqlDbType.Varchar);
        await copy.WriteAsync(random.Next(20) == 0 ? nameof(RunTrigger.Manual) : nameof(RunTrigger.Schedule), NpgsqlDbType.Varchar);
        await copy.WriteAsync(queuedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(startBy, NpgsqlDbType.TimestampTz);
        await WriteNullableAsync(copy, startedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(finishedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(spec, NpgsqlDbType.Jsonb);
        await copy.WriteAsync(host.Nas, NpgsqlDbType.Varchar);
        await WriteNullableAsync(copy, startedAt is null ? null : nameof(BackupStep.DismountTarget), NpgsqlDbType.Varchar);
        await WriteNullableAsync(copy, startedAt is null ? (double?)null : 100, NpgsqlDbType.Double);
        await copy.WriteAsync(startedAt is null ? 0 : 60, NpgsqlDbType.Integer);
        await WriteNullableAsync(copy, code, NpgsqlDbType.Text);
        await WriteNullableAsync(copy, message, NpgsqlDbType.Text);
        await WriteNullableAsync(copy, state is RunState.Succeeded or RunState.Partial ? (long?)random.NextInt64(50L << 30, 400L << 30) : null, NpgsqlDbType.Bigint);
        await copy.WriteAsync("None", NpgsqlDbType.Varchar);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
            await copy.WriteNullAsync();
        else
            await copy.WriteAsync(value, type);
    }

    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = 'runs' AND i.schemaname = 'public' "
            + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync())
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        return indexes;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
