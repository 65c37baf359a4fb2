using System.Collections.Concurrent;
using System.Diagnostics;
using BackupFleet.Bench.Load;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Bench.Figures;

/// <summary>
/// Figure d: the nightly wave. Every host's policy is set to the same minute (through the API, which reschedules its Hangfire job); from
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
        // Far enough ahead that every policy is saved before it comes: half as long again as saving them took in the set-up.
        var estimate = TimeSpan.FromSeconds(report.SetupSeconds[Setup.PoliciesStep] * 1.5);
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero)
            .AddMinutes(Math.Ceiling((estimate + TimeSpan.FromSeconds(20)).TotalMinutes));
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(fleet.Hosts, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (host, _) => await api.PutPolicyAsync(host.HostId, host.Name, host.Nas, $"{at.Minute} {at.Hour} * * *"));
        report.SetupSeconds["wave policies"] = clock.Elapsed.TotalSeconds;
        if (DateTimeOffset.UtcNow > at)
            throw new InvalidOperationException($"Saving {fleet.Hosts.Count} policies took until after the wave's minute {at:HH:mm}; the bench needs a larger margin.");

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
            Console.WriteLine($"  wave: {fleet.Hosts.Count} policies saved in {clock.Elapsed.TotalSeconds:0} s; waiting for {at:HH:mm} UTC");
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
        // Hangfire fires one recurring job per policy: when it had made the last of them a background job, and how many a second.
        var (firstFired, lastFired, fired) = await database.HangfireFiringsAsync(at);
        // When Hangfire had queued the last of the wave's runs: what dispatch waited for beside the NAS slots.
        var lastQueued = await database.ScalarAsync<double>(
            $"SELECT coalesce(extract(epoch FROM max(queued_at) - '{since}'::timestamptz), 'NaN')::float8 FROM runs WHERE trigger = 'Schedule' AND queued_at >= '{since}'");
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
        report.Add(new FigureRow("d. nightly wave", $"last recurring job fired by Hangfire ({fired})", "–", (lastFired - at).TotalSeconds, "s after the minute"));
        report.Add(new FigureRow("d. nightly wave", "recurring jobs fired per second", "–", fired / Math.Max(0.001, (lastFired - firstFired).TotalSeconds), "jobs/s"));
        report.Add(new FigureRow("d. nightly wave", "last run queued", "–", lastQueued, "s after the minute"));
        report.Add(new FigureRow("d. nightly wave", $"last run ended ({ended.Count} of {fleet.Hosts.Count})", "–", done, "s after the minute"));
        report.Add(new FigureRow("d. nightly wave", $"most at once on one NAS ({options.NasShares} NAS)", $"≤ {options.BackupsPerNas} (the limit)", mostAtOnce, "runs",
            Pass: mostAtOnce <= options.BackupsPerNas));
        report.Add(new FigureRow("d. nightly wave", "hosts without exactly one run; runs not Succeeded", "0; 0", notOne + notSucceeded, "",
            Pass: notOne == 0 && notSucceeded == 0, Note: notOne + notSucceeded > 0 ? $"{notOne} hosts without exactly one run, {notSucceeded} runs not Succeeded" : null));
    }
}
