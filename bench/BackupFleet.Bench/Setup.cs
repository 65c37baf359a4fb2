using System.Diagnostics;
using BackupFleet.Bench.History;
using BackupFleet.Bench.Load;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;

namespace BackupFleet.Bench;

/// <summary>
/// The fleet before any figure: enrolled hosts with a daily policy (through the API), tags, and the run history (by COPY), so that
/// every figure runs against the large database. Each part's duration goes into the report.
/// </summary>
public static class Setup
{
    public const string PoliciesStep = "policies";
    public const string FleetPrefix = "BENCH";
    public const string SenderPrefix = "EVSEND";

    public sealed record Fleet(List<BenchHost> Hosts, List<BenchHost> Senders);

    public static async Task<Fleet> RunAsync(BenchOptions options, FleetApi api, BenchDatabase database, FleetScenario scenario, BenchReport report)
    {
        var hosts = await Timed(report, "enrolment", () => Enroller.EnrollAsync(api, scenario, FleetPrefix, options.Agents, options.NasShares));
        // The ingest senders and the dashboard's host, apart from the fleet so that the wave finds every fleet host idle.
        var senders = await Timed(report, "sender enrolment", () => Enroller.EnrollAsync(api, scenario, SenderPrefix, options.IngestSenders + 1, options.NasShares));
        // A daily backup twelve hours away: a real fleet's policies, none of which fires during the bench.
        var schedule = $"0 {(DateTime.UtcNow.Hour + 12) % 24} * * *";
        await Timed(report, PoliciesStep, () => Parallel.ForEachAsync(hosts.Concat(senders), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (host, _) => await api.PutPolicyAsync(host.HostId, host.Name, host.Nas, schedule)));
        await Timed(report, "tags", () => database.ExecuteAsync("""
            UPDATE hosts SET tags = ARRAY['site-' || lpad((n.i % 20)::text, 2, '0'), 'customer-' || lpad((n.i % 200)::text, 3, '0')]
            FROM (SELECT id, row_number() OVER (ORDER BY name) AS i FROM hosts) n WHERE hosts.id = n.id
            """));
        var written = await Timed(report, "history", () => RunHistoryWriter.WriteAsync(database, hosts, options.HistoryRuns));
        await Timed(report, "analyze", () => database.ExecuteAsync("ANALYZE"));
        await CancelStatementsOlderThanHistoryAsync(database);
        Console.WriteLine($"  {hosts.Count} hosts, {written:#,0} runs of history");
        return new Fleet(hosts, senders);
    }

    /// <summary>
    /// Cancels the server's statements that began before the history was written (the fleet checks, which run on any change).
    /// A real history grows over months; written in one minute under a running statement, its millions of rows are new to that
    /// statement's snapshot, which reads past each of them (ten minutes), holding back the cleanup of every other query's dead
    /// rows through the figures. Cancelled, the checks run again on the server's next change.
    /// </summary>
    private static Task CancelStatementsOlderThanHistoryAsync(BenchDatabase database) => database.ExecuteAsync("""
        SELECT pg_cancel_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query_start < now() - interval '1 second'
        """);

    private static async Task<T> Timed<T>(BenchReport report, string step, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var result = await work();
        report.SetupSeconds[step] = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  set-up {step}: {clock.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    private static Task Timed(BenchReport report, string step, Func<Task> work) => Timed(report, step, async () =>
    {
        await work();
        return true;
    });
}
