using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Shared.Checks;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Findings;

public sealed record FindingFilter(Guid? HostId = null, string? Check = null, FindingSeverity? Severity = null, bool IncludeResolved = false);

public sealed class FindingQueries(FleetDb db)
{
    public const int MaxPageSize = 500;

    /// <summary>Findings, worst first, then by rule and newest first.</summary>
    public async Task<PagedList<FindingView>> ListAsync(FindingFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var findings = Filtered(filter);
        var total = await findings.CountAsync(ct);
        var rows = await (
                from f in findings
                join h in db.Hosts on f.HostId equals h.Id
                select new { f, h.Name })
            .OrderByDescending(r => r.f.Severity == FindingSeverity.Error).ThenByDescending(r => r.f.Severity == FindingSeverity.Warning)
            .ThenBy(r => r.f.Check).ThenByDescending(r => r.f.FirstSeenAt).ThenBy(r => r.f.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        var items = rows.Select(r => new FindingView(r.f.Id, r.f.HostId, r.Name, r.f.Check, FindingSeverities.Name(r.f.Severity), r.f.Subject,
            r.f.Message, r.f.Fix, r.f.FirstSeenAt, r.f.LastSeenAt, r.f.ResolvedAt)).ToList();
        return new PagedList<FindingView>(items, page, pageSize, total);
    }

    /// <summary>A host's open findings, worst first; null when there is no such host.</summary>
    public async Task<IReadOnlyList<FindingView>?> ForHostAsync(Guid hostId, CancellationToken ct)
    {
        if (!await db.Hosts.AnyAsync(h => h.Id == hostId, ct))
            return null;
        return (await ListAsync(new FindingFilter(HostId: hostId), 1, MaxPageSize, ct)).Items;
    }

    /// <summary>Open findings counted per rule and severity.</summary>
    public async Task<IReadOnlyList<FindingGroup>> GroupsAsync(CancellationToken ct)
    {
        var groups = await db.Findings.AsNoTracking().Where(f => f.ResolvedAt == null)
            .GroupBy(f => new { f.Check, f.Severity })
            .Select(g => new { g.Key.Check, g.Key.Severity, Hosts = g.Select(f => f.HostId).Distinct().Count(), Findings = g.Count() })
            .ToListAsync(ct);
        return groups.OrderByDescending(g => g.Severity).ThenByDescending(g => g.Findings).ThenBy(g => g.Check)
            .Select(g => new FindingGroup(g.Check, FindingSeverities.Name(g.Severity), g.Hosts, g.Findings)).ToList();
    }

    private IQueryable<FindingEntity> Filtered(FindingFilter filter)
    {
        var findings = db.Findings.AsNoTracking();
        if (!filter.IncludeResolved)
            findings = findings.Where(f => f.ResolvedAt == null);
        if (filter.HostId is { } hostId)
            findings = findings.Where(f => f.HostId == hostId);
        if (filter.Check is { } check)
            findings = findings.Where(f => f.Check == check);
        if (filter.Severity is { } severity)
            findings = findings.Where(f => f.Severity == severity);
        return findings;
    }
}
