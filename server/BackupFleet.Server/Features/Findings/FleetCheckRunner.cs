using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Shared.Checks;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Findings;

/// <summary>Gathers what the fleet rules judge for every host in one query, runs them and stores what they find.</summary>
public sealed class FleetCheckRunner(FleetDb db, FindingStore store, TimeProvider clock)
{
    /// <summary>How many of a host's latest backups show its usual duration; the rule takes their median.</summary>
    public const int RecentRuns = 5;

    private sealed record FactsRow(
        Guid Id, string Name, DateTimeOffset EnrolledAt, string? TargetPath, string? InventoryTarget, string? Schedule, string? TimeZone,
        bool Enabled, int? RpoHours, DateTimeOffset? PolicySetAt, DateTimeOffset? LastSuccessAt, double[] Durations);

    public async Task RunAsync(CancellationToken ct)
    {
        // One node at a time: two nodes judging the fleet at once would both open the same new finding (and notify twice).
        // The second reads after the first has stored what it found.
        await using var exclusive = await db.Database.LockAsync("fleet-checks", ct);
        var now = clock.GetUtcNow();
        // Columns in snake_case: the naming convention maps the row type's properties that way. Each host's last success and
        // recent durations walk its (host_id, queued_at) index back from the newest run and stop at the first that fits: a
        // host runs one backup at a time, so the newest queued success is also the last to finish. (A max() over the host's
        // successes read its whole history: 10,000 hosts with 500 runs each took over ten minutes, and its snapshot held back
        // the cleanup of every other query's dead rows meanwhile.)
        var rows = await db.Database.SqlQuery<FactsRow>($"""
            SELECT h.id AS id, h.name AS name, h.enrolled_at AS enrolled_at, p.target_path AS target_path,
                   h.inventory_json -> 'backupTarget' ->> 'Path' AS inventory_target, p.schedule AS schedule, p.time_zone AS time_zone,
                   coalesce(p.enabled, false) AS enabled, p.rpo_hours AS rpo_hours, p.updated_at AS policy_set_at,
                   (SELECT r.finished_at FROM runs r WHERE r.host_id = h.id AND r.state = 'Succeeded'
                    ORDER BY r.queued_at DESC LIMIT 1) AS last_success_at,
                   ARRAY(SELECT extract(epoch FROM r.finished_at - r.started_at)::float8 FROM runs r
                         WHERE r.host_id = h.id AND r.state IN ('Succeeded', 'Partial') AND r.started_at IS NOT NULL AND r.finished_at IS NOT NULL
                         ORDER BY r.queued_at DESC LIMIT {RecentRuns}) AS durations
            FROM hosts h LEFT JOIN backup_policies p ON p.host_id = h.id
            """).ToListAsync(ct);
        // A fleet has a handful of schedules: each is read once per run of the rules, not once per host.
        var gaps = new Dictionary<(string Cron, string Zone), (TimeSpan Shortest, TimeSpan Longest)?>();
        var facts = rows.Select(r => Facts(r, now, gaps)).ToList();
        await store.SyncFleetAsync(FleetChecks.Run(facts, now).Select(f => (f.HostId, f.Finding)).ToList(), ct);
    }

    private static FleetHostFacts Facts(FactsRow r, DateTimeOffset now, Dictionary<(string Cron, string Zone), (TimeSpan Shortest, TimeSpan Longest)?> known)
    {
        var scheduled = r.Enabled && r.Schedule is not null && r.TimeZone is not null;
        (TimeSpan Shortest, TimeSpan Longest)? gaps = null;
        if (scheduled && !known.TryGetValue((r.Schedule!, r.TimeZone!), out gaps))
            known[(r.Schedule!, r.TimeZone!)] = gaps = PolicySchedule.Gaps(r.Schedule!, r.TimeZone!, now);
        var rpo = scheduled ? PolicyRpo.Effective(r.RpoHours, gaps?.Longest) : null;
        // A policy set long after enrolment starts the RPO clock itself: no backup could be expected before it.
        var since = r.PolicySetAt is { } set && set > r.EnrolledAt ? set : r.EnrolledAt;
        return new FleetHostFacts(r.Id, r.Name, r.TargetPath ?? r.InventoryTarget, gaps?.Shortest,
            r.Durations.Select(TimeSpan.FromSeconds).ToList(), r.LastSuccessAt, rpo, since);
    }
}
