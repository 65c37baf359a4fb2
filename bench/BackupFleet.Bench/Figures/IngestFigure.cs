using System.Diagnostics;
using BackupFleet.Agent.Connection;
using BackupFleet.Bench.Load;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;
using BackupFleet.Shared.Runs;
using Npgsql;
using NpgsqlTypes;

namespace BackupFleet.Bench.Figures;

/// <summary>
/// Figure c: run events stored per second, sustained. Each sender host claims a run and reports progress lines through its agent
/// connection, one batch at a time as the agent's reporter does, for the whole window; the rows are counted in PostgreSQL. Twice:
/// in batches of 50 (agents keeping up, a few lines per call) and of 500, what the agent's reporter sends once events wait for the
/// server (HubRunReporter.MaxEventsPerCall), which is the case under a sustained load. The baseline is a bare binary COPY of as
/// many equivalent rows into a copy of run_events, in the same run.
/// </summary>
public static class IngestFigure
{
    private const int SmallBatch = 50;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(BenchOptions options, FleetApi api, BenchDatabase database, IReadOnlyList<EventSender> senders, BenchReport report)
    {
        foreach (var sender in senders)
            await sender.ClaimRunAsync(api);

        var (small, _) = await StoreAsync(options, database, senders, SmallBatch);
        var (backlogged, stored) = await StoreAsync(options, database, senders, HubRunReporter.MaxEventsPerCall);
        // Succeeded is accepted only with every event of the run stored: the proof that none was lost on the way.
        foreach (var sender in senders)
            await sender.CompleteAsync();

        var copyRate = await CopyRateAsync(database, senders.Select(s => s.RunId).ToList(), stored);
        report.Add(new FigureRow("c. events → PostgreSQL", $"stored/s, batches of {SmallBatch} ({senders.Count} runs)", "–", small, "events/s",
            copyRate, "binary COPY rows/s"));
        report.Add(new FigureRow("c. events → PostgreSQL", $"stored/s, batches of {HubRunReporter.MaxEventsPerCall} ({senders.Count} runs, backlogged agents)",
            "≥ 20,000/s and ≥ 0.5× COPY", backlogged, "events/s", copyRate, "binary COPY rows/s", Pass: backlogged >= 20_000 && backlogged >= 0.5 * copyRate));
    }

    /// <summary>Every sender reports batches of <paramref name="batchSize"/> for the window: events stored per second, and how many in all.</summary>
    private static async Task<(double Rate, long Stored)> StoreAsync(BenchOptions options, BenchDatabase database, IReadOnlyList<EventSender> senders, int batchSize)
    {
        using var stop = new CancellationTokenSource();
        var sending = senders.Select(s => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await s.ReportAsync(s.ProgressLines(batchSize));
        })).ToList();
        await Task.Delay(WarmUp);
        var before = await database.ScalarAsync<long>("SELECT count(*) FROM run_events");
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.IngestSeconds));
        var stored = await database.ScalarAsync<long>("SELECT count(*) FROM run_events") - before;
        var seconds = clock.Elapsed.TotalSeconds;
        stop.Cancel();
        await Task.WhenAll(sending);
        return (stored / seconds, stored);
    }

    /// <summary>Rows per second of one binary COPY of <paramref name="rows"/> progress lines into a copy of run_events (its indexes included).</summary>
    private static async Task<double> CopyRateAsync(BenchDatabase database, IReadOnlyList<Guid> runIds, long rows)
    {
        await database.ExecuteAsync("DROP TABLE IF EXISTS run_events_copy; CREATE TABLE run_events_copy (LIKE run_events INCLUDING ALL)");
        await using var connection = await database.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY run_events_copy (run_id, sequence, at, kind, step, message, percent) FROM STDIN (FORMAT BINARY)"))
        {
            var at = DateTimeOffset.UtcNow;
            for (var i = 0L; i < rows; i++)
            {
                var percent = (int)(i % 101);
                await copy.StartRowAsync();
                await copy.WriteAsync(runIds[(int)(i % runIds.Count)], NpgsqlDbType.Uuid);
                await copy.WriteAsync((int)(i / runIds.Count) + 2, NpgsqlDbType.Integer);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(nameof(RunEventKind.Progress), NpgsqlDbType.Varchar);
                await copy.WriteAsync(nameof(BackupStep.Backup), NpgsqlDbType.Varchar);
                await copy.WriteAsync($"Creating a backup of volume C:, copied ({percent}%).", NpgsqlDbType.Text);
                await copy.WriteAsync((double)percent, NpgsqlDbType.Double);
            }
            await copy.CompleteAsync();
        }
        var rate = rows / clock.Elapsed.TotalSeconds;
        await database.ExecuteAsync("DROP TABLE run_events_copy");
        return rate;
    }
}
