using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BackupFleet.Server.Features.Schedules;

/// <summary>
/// Fires the policies whose next run time has come, a batch at a time: the due policies are claimed with their rows
/// locked (another node skips them), their runs are queued and each policy moves on to its next fire time in one
/// statement, and only then are the runs sent. One recurring Hangfire job per policy managed about 19 a second; a nightly
/// wave fires 10,000 at once.
/// </summary>
public sealed class DueScheduleFirer(FleetDb db, RunDispatcher dispatcher, FleetChangeFeed feed, IOptions<ScheduleOptions> options, TimeProvider clock,
    ILogger<DueScheduleFirer> log)
{
    // Later than this and the log says the schedule fired late (the server was not running, or the database away).
    private static readonly TimeSpan Late = TimeSpan.FromMinutes(1);

    /// <summary>Fires one batch of due schedules; returns the hosts whose schedule it fired (a full batch: call again).</summary>
    public async Task<IReadOnlyList<Guid>> FireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        List<BackupPolicyEntity> due;
        List<QueuedRun> queued;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            due = await db.Policies.FromSql($"""
                SELECT * FROM backup_policies WHERE next_run_at <= {now}
                ORDER BY next_run_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED
                """).AsNoTracking().ToListAsync(ct);
            if (due.Count == 0)
                return [];
            queued = await QueueAsync(due, now, ct);
            await transaction.CommitAsync(ct);
        }

        var queuedHosts = queued.Select(r => r.HostId).ToHashSet();
        // One line per batch, not per host: a wave of 10,000 must not write 10,000 lines (a slow log reader then stalls the server).
        var late = due.Where(p => now - p.NextRunAt > Late).ToList();
        if (late.Count > 0)
            log.LogWarning("{Count} schedule(s) fired up to {Late} late (the server was not running, or busy), e.g. host {HostId} due at {DueAt:u}",
                late.Count, now - late.Min(p => p.NextRunAt), late[0].HostId, late[0].NextRunAt);
        var skipped = due.Where(p => !queuedHosts.Contains(p.HostId)).Select(p => p.HostId).ToList();
        if (skipped.Count > 0)
            log.LogWarning("{Count} scheduled backup(s) skipped: the host's previous run is still waiting to start (hosts {HostIds})",
                skipped.Count, string.Join(", ", skipped.Take(10)) + (skipped.Count > 10 ? ", …" : ""));
        foreach (var run in queued)
            feed.PublishRunChanged(new RunChange(run.Id, run.HostId, RunState.Queued));
        var queuedIn = clock.GetElapsedTime(started);
        var sent = await dispatcher.DispatchAsync([.. queuedHosts], ct);
        log.LogInformation("Fired {Count} schedule(s): {Queued} run(s) queued in {QueuedMs:0} ms, {Sent} sent in {SentMs:0} ms",
            due.Count, queued.Count, queuedIn.TotalMilliseconds, sent, (clock.GetElapsedTime(started) - queuedIn).TotalMilliseconds);
        return [.. due.Select(p => p.HostId)];
    }

    // Columns in snake_case, as the naming convention maps the properties.
    private sealed record QueuedRun(Guid Id, Guid HostId);

    /// <summary>
    /// Queues a run for each policy and sets its next fire time, in one statement; returns the runs queued. A host
    /// whose last run still waits gets none (the one-queued-run index): the waiting one already does what this would.
    /// </summary>
    private async Task<List<QueuedRun>> QueueAsync(List<BackupPolicyEntity> due, DateTimeOffset now, CancellationToken ct)
    {
        var runs = due.Select(p => RunStarter.NewRun(p, RunTrigger.Schedule, now)).ToList();
        var next = due.Select(p => NextRunAt(p, now)).ToArray();
        return await db.Database.SqlQueryRaw<QueuedRun>(
            """
            WITH moved AS (
                UPDATE backup_policies p SET next_run_at = n.next_run_at
                FROM unnest(@hosts, @next) AS n(host_id, next_run_at) WHERE p.host_id = n.host_id)
            INSERT INTO runs (id, host_id, state, trigger, queued_at, start_by, spec_json, target_server, last_sequence)
            SELECT r.id, r.host_id, @state, @trigger, @now, r.start_by, r.spec::jsonb, r.target_server, 0
            FROM unnest(@ids, @hosts, @startBy, @specs, @targets) AS r(id, host_id, start_by, spec, target_server)
            ON CONFLICT DO NOTHING
            RETURNING id, host_id
            """,
            new NpgsqlParameter("hosts", runs.Select(r => r.HostId).ToArray()),
            new NpgsqlParameter("next", next),
            new NpgsqlParameter("state", RunState.Queued.ToString()),
            new NpgsqlParameter("trigger", RunTrigger.Schedule.ToString()),
            new NpgsqlParameter("now", now),
            new NpgsqlParameter("ids", runs.Select(r => r.Id).ToArray()),
            new NpgsqlParameter("startBy", runs.Select(r => r.StartBy).ToArray()),
            new NpgsqlParameter("specs", runs.Select(r => r.SpecJson).ToArray()),
            new NpgsqlParameter("targets", runs.Select(r => r.TargetServer).ToArray())).ToListAsync(ct);
    }

    private DateTimeOffset? NextRunAt(BackupPolicyEntity policy, DateTimeOffset now)
    {
        // Occurrences missed while the server was away are not made up one by one: one run now, then the next due time.
        var next = PolicySchedule.NextRunAt(policy, now);
        if (next is null)
            log.LogError("The schedule of host {HostId} ('{Schedule}' in {TimeZone}) cannot be read on this server; it will not fire again until the policy is saved",
                policy.HostId, policy.Schedule, policy.TimeZone);
        return next;
    }
}
