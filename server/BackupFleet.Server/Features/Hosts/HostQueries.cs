using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Hosts;

/// <summary>Host lists and details with status, last run and next scheduled run; a page costs the same however large the fleet or its history.</summary>
public sealed class HostQueries(FleetDb db, TimeProvider clock)
{
    public const int MaxPageSize = 500;

    public async Task<PagedList<HostSummary>> ListAsync(int page, int pageSize, string? search, CancellationToken ct)
    {
        var hosts = db.Hosts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
            hosts = hosts.Where(h => EF.Functions.ILike(h.Name, "%" + EscapeLike(search.Trim()) + "%"));
        var total = await hosts.CountAsync(ct);
        var rows = await Project(hosts.OrderBy(h => h.Name).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new PagedList<HostSummary>(await SummariseAsync(rows, ct), page, pageSize, total);
    }

    public async Task<HostSummary?> GetAsync(Guid id, CancellationToken ct)
    {
        var rows = await Project(db.Hosts.AsNoTracking().Where(h => h.Id == id)).ToListAsync(ct);
        return rows.Count == 0 ? null : (await SummariseAsync(rows, ct))[0];
    }

    /// <summary>The counts at the top of the fleet page.</summary>
    public async Task<FleetSummary> SummaryAsync(CancellationToken ct)
    {
        var total = await db.Hosts.CountAsync(ct);
        var online = await db.Hosts.CountAsync(h => h.ConnectionId != null, ct);
        // One index probe per host on (host_id, queued_at desc) for its last finished run.
        var failed = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM hosts h
            CROSS JOIN LATERAL (
                SELECT state FROM runs r
                WHERE r.host_id = h.id AND r.state NOT IN ('Queued', 'Running')
                ORDER BY r.queued_at DESC LIMIT 1) last
            WHERE last.state IN ('Failed', 'Missed', 'Interrupted', 'Partial')
            """).SingleAsync(ct);
        var running = await db.Runs.CountAsync(r => r.State == RunState.Running, ct);
        return new FleetSummary(total, online, failed, running);
    }

    private sealed record Row(HostEntity Host, string? Schedule, string? TimeZone, bool PolicyEnabled);

    private static IQueryable<Row> Project(IQueryable<HostEntity> hosts) => hosts.Select(h => new Row(
        h,
        h.Policy != null ? h.Policy.Schedule : null,
        h.Policy != null ? h.Policy.TimeZone : null,
        h.Policy != null && h.Policy.Enabled));

    private async Task<List<HostSummary>> SummariseAsync(List<Row> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Host.Id).ToArray();
        var lastRuns = await LastRunsAsync(ids, ct);
        var problems = await db.Findings.AsNoTracking()
            .Where(f => ids.Contains(f.HostId) && f.ResolvedAt == null && f.Severity != FindingSeverity.Info)
            .GroupBy(f => f.HostId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = clock.GetUtcNow();
        return rows.Select(row =>
        {
            var h = row.Host;
            var next = row.PolicyEnabled ? PolicySchedule.Next(row.Schedule!, row.TimeZone!, now)?.ToUniversalTime() : null;
            return new HostSummary(h.Id, h.Name, h.ConnectionId is null ? HostStatus.Offline : HostStatus.Online, h.Simulated, h.ScenarioName,
                h.AgentVersion, h.OsDescription, h.LastSeenAt, row.Schedule is not null, lastRuns.GetValueOrDefault(h.Id), next,
                h.AgentNotice is null ? null : new AgentNotice(h.AgentNotice, h.AgentNoticeAt!.Value), problems.GetValueOrDefault(h.Id),
                h.InventoryCapturedAt);
        }).ToList();
    }

    /// <summary>Each host's newest run: one index probe per host of the page, not a sort of the whole history.</summary>
    private async Task<Dictionary<Guid, LastRunInfo>> LastRunsAsync(Guid[] hostIds, CancellationToken ct)
    {
        if (hostIds.Length == 0)
            return [];
        var runs = await db.Runs.FromSql($"""
                SELECT last.* FROM unnest({hostIds}) AS page(host_id)
                CROSS JOIN LATERAL (SELECT * FROM runs r WHERE r.host_id = page.host_id ORDER BY r.queued_at DESC LIMIT 1) last
                """)
            .AsNoTracking()
            .Select(r => new { r.HostId, Info = new LastRunInfo(r.Id, r.State, r.Trigger, r.QueuedAt, r.StartedAt, r.FinishedAt, r.ErrorCode) })
            .ToListAsync(ct);
        return runs.ToDictionary(r => r.HostId, r => r.Info);
    }

    private static string EscapeLike(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
