using System.Collections.Concurrent;
using BackupFleet.Bench.Load;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Bench.Figures;

/// <summary>
/// Figure d: the nightly wave. Every host's policy is set to the same minute; from
/// that minute the bench notes when each agent receives its job and when the server acknowledged its end. Afterwards the database says
/// whether any host got no run or two, whether every run succeeded, and how many ran at once on each NAS against the limit.
/// </summary>
public static class WaveFigure
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    /// <summary>With no job received and no run ended for this long the wave has stalled; waiting on would only stretch the bench.</summary>
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(BenchOptions options, FleetApi api, BenchDatabase database, AgentFleet fleet, BenchReport report)
    {
        // The next whole minute at least 20 s away. Every fleet policy gets that minute as its schedule, written as the policy API
        // would store it (the cron and its next fire time) but in one statement: saving 10,000 policies one request at a time
        // would cost minutes of set-up and measure the API, not the wave.
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(now.Second < 40 ? 1 : 2);
        var scheduled = await database.ScalarAsync<long>($"""
            WITH fleet AS (UPDATE backup_policies p SET schedule = '{at.Minute} {at.Hour} * * *', time_zone = 'UTC', next_run_at = '{at.UtcDateTime:O}'
                           FROM hosts h WHERE h.id = p.host_id AND h.name LIKE '{Setup.FleetPrefix}-%' RETURNING 1)
            SELECT count(*) FROM fleet
            """);
        if (scheduled != fleet.Hosts.Count)
            throw new InvalidOperationException($"Only {scheduled} of {fleet.Hosts.Count} fleet hosts have a policy to schedule.");

        var received = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var ended = new ConcurrentDictionary<Guid, DateTimeOffset>();
        void OnJob(BenchHost host, BackupJob job, long _)
        {
            if (job.QueuedAt >= at)
                received.TryAdd(host.HostId, DateTimeOffset.UtcNow);
        }
        void OnEnd(BenchHost host, RunCompletion completion)
        {
            if (received.ContainsKey(host.HostId))
                ended.TryAdd(host.HostId, DateTimeOffset.UtcNow);
        }
        fleet.JobReceived += OnJob;
        fleet.RunCompleted += OnEnd;
        try
        {
            Console.WriteLine($"  wave: {fleet.Hosts.Count} policies due at {at:HH:mm} UTC");
            var deadline = at + Limit;
            // Progress is counted from the minute: before it nothing can stall.
            var (progress, progressAt) = (0, at);
            while (ended.Count < fleet.Hosts.Count && DateTimeOffset.UtcNow < deadline && DateTimeOffset.UtcNow - progressAt < Stalled)
            {
                await Task.Delay(500);
                if (received.Count + ended.Count != progress)
                    (progress, progressAt) = (received.Count + ended.Count, DateTimeOffset.UtcNow);
            }
        }
        finally
        {
            fleet.JobReceived -= OnJob;
            fleet.RunCompleted -= OnEnd;
        }

        var firstReceived = received.IsEmpty ? double.NaN : (received.Values.Min() - at).TotalSeconds;
        var dispatched = received.IsEmpty ? double.NaN : (received.Values.Max() - at).TotalSeconds;
        var done = ended.IsEmpty ? double.NaN : (ended.Values.Max() - at).TotalSeconds;
        var since = at.UtcDateTime.ToString("O");
        var notOne = await database.ScalarAsync<long>($"""
            SELECT count(*) FROM hosts h WHERE h.name LIKE 'BENCH-%' AND
                (SELECT count(*) FROM runs r WHERE r.host_id = h.id AND r.trigger = 'Schedule' AND r.queued_at >= '{since}') <> 1
            """);
        // When the scheduler had queued the first and last of the wave's runs: what dispatch waited for beside the NAS slots.
        var (firstQueued, lastQueued) = (await database.ScalarAsync<double>(QueuedAfterMinute("min", since)), await database.ScalarAsync<double>(QueuedAfterMinute("max", since)));
        var queued = await database.ScalarAsync<long>($"SELECT count(*) FROM runs WHERE trigger = 'Schedule' AND queued_at >= '{since}'");
        var notSucceeded = await database.ScalarAsync<long>($"SELECT count(*) FROM runs WHERE trigger = 'Schedule' AND queued_at >= '{since}' AND state <> 'Succeeded'");
        // Most backups running at once on any one NAS: a run holds its slot from the claim (started_at) to its end (finished_at).
        var mostAtOnce = await database.ScalarAsync<long>($"""
            WITH changes AS (
                SELECT target_server AS nas, started_at AS at, 1 AS change FROM runs WHERE trigger = 'Schedule' AND queued_at >= '{since}' AND started_at IS NOT NULL
                UNION ALL
                SELECT target_server, finished_at, -1 FROM runs WHERE trigger = 'Schedule' AND queued_at >= '{since}' AND finished_at IS NOT NULL)
            SELECT coalesce(max(running), 0) FROM (
                SELECT sum(change) OVER (PARTITION BY nas ORDER BY at, change ROWS UNBOUNDED PRECEDING) AS running FROM changes) s
            """);

        var all = received.Count == fleet.Hosts.Count;
        report.Add(new FigureRow("d. nightly wave", $"last job received ({received.Count} of {fleet.Hosts.Count})", "all dispatched < 60 s", dispatched, "s after the minute",
            // The goal is for a wave of 10,000: a smaller one passing says nothing about it.
            Pass: !all ? false : fleet.Hosts.Count >= 10_000 ? dispatched < 60 : null,
            Note: !all ? $"{fleet.Hosts.Count - received.Count} hosts received no job within {Limit.TotalMinutes:0} minutes"
                : fleet.Hosts.Count < 10_000 ? $"a wave of {fleet.Hosts.Count}; the goal is for 10,000" : null));
        report.Add(new FigureRow("d. nightly wave", "first job received", "–", firstReceived, "s after the minute"));
        report.Add(new FigureRow("d. nightly wave", "last run queued", "–", lastQueued, "s after the minute"));
        report.Add(new FigureRow("d. nightly wave", $"runs queued per second ({queued} queued)", "–", queued / Math.Max(0.001, lastQueued - firstQueued), "runs/s"));
        report.Add(new FigureRow("d. nightly wave", $"last run ended ({ended.Count} of {fleet.Hosts.Count})", "–", done, "s after the minute"));
        report.Add(new FigureRow("d. nightly wave", $"most at once on one NAS ({options.NasShares} NAS)", $"≤ {options.BackupsPerNas} (the limit)", mostAtOnce, "runs",
            Pass: mostAtOnce <= options.BackupsPerNas));
        report.Add(new FigureRow("d. nightly wave", "hosts without exactly one run; runs not Succeeded", "0; 0", notOne + notSucceeded, "",
            Pass: notOne == 0 && notSucceeded == 0, Note: notOne + notSucceeded > 0 ? $"{notOne} hosts without exactly one run, {notSucceeded} runs not Succeeded" : null));
    }

    private static string QueuedAfterMinute(string aggregate, string since) =>
        $"SELECT coalesce(extract(epoch FROM {aggregate}(queued_at) - '{since}'::timestamptz), 'NaN')::float8 FROM runs WHERE trigger = 'Schedule' AND queued_at >= '{since}'";
}
