using System.Collections.Concurrent;
using BackupFleet.Bench.Load;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Bench.Figures;

/// <summary>
/// Figure d: the nightly wave. Every host's policy is set to the same minute and every backup copies for
/// <see cref="BenchOptions.WaveBackupSeconds"/>, so a run holds its NAS slot and its progress trickles in as a real one's
/// does (at the fast scenario's pace the wave measured how fast this one machine ends backups, not dispatch). With more
/// hosts per NAS than slots most runs must wait for one: a run counts as dispatched when it is queued and a free slot of
/// its NAS is its turn, so the figure is how long after the minute the last run was queued plus the longest any run then
/// waited with a slot free for it (<see cref="FreeSlotWait"/>). The database then says whether any host got no run or two, whether
/// every run succeeded, and how many ran at once on each NAS against the limit.
/// </summary>
public static class WaveFigure
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static async Task RunAsync(BenchOptions options, BenchDatabase database, AgentFleet fleet, FleetScenario scenario, BenchReport report)
    {
        var backup = TimeSpan.FromSeconds(options.WaveBackupSeconds);
        // With no job received and no run ended for this long the wave has stalled: a round of backups ends within it.
        var stalled = backup + TimeSpan.FromSeconds(60);
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
        scenario.PaceBackups(backup);
        try
        {
            Console.WriteLine($"  wave: {fleet.Hosts.Count} policies due at {at:HH:mm} UTC, each backup copying for {backup.TotalSeconds:0} s");
            var deadline = at + Limit;
            // Progress is counted from the minute: before it nothing can stall.
            var (progress, progressAt) = (0, at);
            while (ended.Count < fleet.Hosts.Count && DateTimeOffset.UtcNow < deadline && DateTimeOffset.UtcNow - progressAt < stalled)
            {
                await Task.Delay(500);
                if (received.Count + ended.Count != progress)
                    (progress, progressAt) = (received.Count + ended.Count, DateTimeOffset.UtcNow);
            }
        }
        finally
        {
            scenario.PaceBackups(null);
            fleet.JobReceived -= OnJob;
            fleet.RunCompleted -= OnEnd;
        }

        var since = at.UtcDateTime.ToString("O");
        var runs = await database.QueryAsync($"""
            SELECT id, target_server, queued_at, started_at, finished_at FROM runs WHERE trigger = 'Schedule' AND queued_at >= '{since}'
            """, r => new WaveRun(r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4)));
        var notOne = await database.ScalarAsync<long>($"""
            SELECT count(*) FROM hosts h WHERE h.name LIKE '{Setup.FleetPrefix}-%' AND
                (SELECT count(*) FROM runs r WHERE r.host_id = h.id AND r.trigger = 'Schedule' AND r.queued_at >= '{since}') <> 1
            """);
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

        double After(DateTimeOffset t) => (t - at).TotalSeconds;
        var lastQueued = runs.Count == 0 ? double.NaN : After(runs.Max(r => r.QueuedAt));
        var firstQueued = runs.Count == 0 ? double.NaN : After(runs.Min(r => r.QueuedAt));
        var freeSlotWaits = FreeSlotWait.Of(runs, options.BackupsPerNas).ToList();
        var longestFreeWait = freeSlotWaits.Count == 0 ? double.NaN : freeSlotWaits.Max();
        var claimed = runs.Count(r => r.StartedAt is not null);
        var copying = runs.Where(r => r is { StartedAt: not null, FinishedAt: not null }).Select(r => (r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds).ToList();

        var all = claimed == fleet.Hosts.Count;
        var dispatched = lastQueued + longestFreeWait;
        report.Add(new FigureRow("d. nightly wave", $"last run queued + longest wait with a slot free for it ({claimed} of {fleet.Hosts.Count} claimed)",
            "all dispatched < 60 s", dispatched, "s after the minute",
            // The goal is for a wave of 10,000: a smaller one passing says nothing about it.
            Pass: !all ? false : fleet.Hosts.Count >= 10_000 ? dispatched < 60 : null,
            Note: !all ? $"{fleet.Hosts.Count - claimed} runs were never claimed by their agent within {Limit.TotalMinutes:0} minutes"
                : fleet.Hosts.Count < 10_000 ? $"a wave of {fleet.Hosts.Count}; the goal is for 10,000" : null));
        report.Add(new FigureRow("d. nightly wave", "last run queued", "–", lastQueued, "s after the minute"));
        report.Add(new FigureRow("d. nightly wave", $"runs queued per second ({runs.Count} queued)", "–", runs.Count / Math.Max(0.001, lastQueued - firstQueued), "runs/s"));
        report.Add(new FigureRow("d. nightly wave", "wait with a slot free for it p99", "–", Percentiles.Of(freeSlotWaits, 99), "s"));
        report.Add(new FigureRow("d. nightly wave", "first job received", "–", received.IsEmpty ? double.NaN : After(received.Values.Min()), "s after the minute"));
        report.Add(new FigureRow("d. nightly wave", $"backup claimed → ended p50 (copying {backup.TotalSeconds:0} s)", "–", Percentiles.Of(copying, 50), "s"));
        report.Add(new FigureRow("d. nightly wave", $"last run ended ({ended.Count} of {fleet.Hosts.Count})", "–", ended.IsEmpty ? double.NaN : After(ended.Values.Max()), "s after the minute"));
        report.Add(new FigureRow("d. nightly wave", $"most at once on one NAS ({options.NasShares} NAS)", $"≤ {options.BackupsPerNas} (the limit)", mostAtOnce, "runs",
            Pass: mostAtOnce <= options.BackupsPerNas));
        report.Add(new FigureRow("d. nightly wave", "hosts without exactly one run; runs not Succeeded", "0; 0", notOne + notSucceeded, "",
            Pass: notOne == 0 && notSucceeded == 0, Note: notOne + notSucceeded > 0 ? $"{notOne} hosts without exactly one run, {notSucceeded} runs not Succeeded" : null));
    }
}
