using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Hosts;

/// <summary>Host lists and details with status, last run and next scheduled run; one query a page, however large the fleet.</summary>
public sealed class HostQueries(FleetDb db, TimeProvider clock)
{
    public const int MaxPageSize = 500;

    public async Task<PagedList<HostSummary>> ListAsync(int page, int pageSize, string? search, CancellationToken ct)
    {
        var hosts = db.Hosts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
            hosts = hosts.Where(h => EF.Functions.ILike(h.Name, "%" + EscapeLike(search.Trim()) + "%"));
        var total = await hosts.CountAsync(ct);
        var items = await Project(hosts.OrderBy(h => h.Name).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new PagedList<HostSummary>(items.Select(ToSummary).ToList(), page, pageSize, total);
    }

    public async Task<HostSummary?> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await Project(db.Hosts.AsNoTracking().Where(h => h.Id == id)).FirstOrDefaultAsync(ct);
        return row is null ? null : ToSummary(row);
    }

    /// <summary>The counts at the top of the fleet page.</summary>
    public async Task<FleetSummary> SummaryAsync(CancellationToken ct)
    {
        var total = await db.Hosts.CountAsync(ct);
        var online = await db.Hosts.CountAsync(h => h.ConnectionId != null, ct);
        var failed = await db.Hosts
            .Select(h => db.Runs
                .Where(r => r.HostId == h.Id && r.State != RunState.Queued && r.State != RunState.Running)
                .OrderByDescending(r => r.QueuedAt).Select(r => (RunState?)r.State).FirstOrDefault())
            .CountAsync(state => state == RunState.Failed || state == RunState.Missed, ct);
        var running = await db.Runs.CountAsync(r => r.State == RunState.Running, ct);
        return new FleetSummary(total, online, failed, running);
    }

    private sealed record Row(HostEntity Host, string? Schedule, string? TimeZone, bool PolicyEnabled, LastRunInfo? LastRun);

    private IQueryable<Row> Project(IQueryable<HostEntity> hosts) => hosts.Select(h => new Row(
        h,
        h.Policy != null ? h.Policy.Schedule : null,
        h.Policy != null ? h.Policy.TimeZone : null,
        h.Policy != null && h.Policy.Enabled,
        db.Runs.Where(r => r.HostId == h.Id).OrderByDescending(r => r.QueuedAt)
            .Select(r => new LastRunInfo(r.Id, r.State, r.Trigger, r.QueuedAt, r.StartedAt, r.FinishedAt, r.ErrorCode))
            .FirstOrDefault()));

    private HostSummary ToSummary(Row row)
    {
        var h = row.Host;
        var next = row.PolicyEnabled ? PolicySchedule.Next(row.Schedule!, row.TimeZone!, clock.GetUtcNow())?.ToUniversalTime() : null;
        return new HostSummary(h.Id, h.Name, h.ConnectionId is null ? HostStatus.Offline : HostStatus.Online, h.Simulated, h.ScenarioName,
            h.AgentVersion, h.OsDescription, h.LastSeenAt, row.Schedule is not null, row.LastRun, next);
    }

    private static string EscapeLike(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
