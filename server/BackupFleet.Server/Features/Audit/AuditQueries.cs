using BackupFleet.Server.Infrastructure;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Hosts;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Audit;

public sealed record AuditEntryView(long Id, DateTimeOffset At, string Actor, string ActorKind, string? Address, string Action, string? Target,
    string? Before, string? After);

public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

public sealed class AuditQueries(FleetDb db)
{
    public const int MaxPageSize = 500;

    /// <summary>Newest first; actor and target match on a part, case-insensitively.</summary>
    public async Task<PagedList<AuditEntryView>> ListAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
            entries = entries.Where(e => EF.Functions.ILike(e.Actor, SearchPatterns.Containing(filter.Actor)));
        if (!string.IsNullOrWhiteSpace(filter.Action))
            entries = entries.Where(e => e.Action == filter.Action);
        if (!string.IsNullOrWhiteSpace(filter.Target))
            entries = entries.Where(e => e.Target != null && EF.Functions.ILike(e.Target, SearchPatterns.Containing(filter.Target)));
        if (filter.From is { } from)
            entries = entries.Where(e => e.At >= from);
        if (filter.To is { } to)
            entries = entries.Where(e => e.At < to);
        var total = await entries.CountAsync(ct);
        var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new AuditEntryView(e.Id, e.At, e.Actor, e.ActorKind, e.Address, e.Action, e.Target, e.Before, e.After))
            .ToListAsync(ct);
        return new PagedList<AuditEntryView>(items, page, pageSize, total);
    }

}
