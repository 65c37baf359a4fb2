using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Hosts;

public abstract record HostTagsSaveResult
{
    public sealed record Saved(IReadOnlyList<string> Tags) : HostTagsSaveResult;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : HostTagsSaveResult;
    public sealed record HostNotFound : HostTagsSaveResult;
}

/// <summary>The one way a host's tags are replaced, from the API and the host page alike; nothing is stored when any tag is invalid.</summary>
public sealed class HostTagStore(FleetDb db, FleetChangeFeed feed, Audit.AuditLog audit)
{
    public async Task<HostTagsSaveResult> SaveAsync(Guid hostId, IReadOnlyList<string?>? tags, CancellationToken ct)
    {
        var (normal, errors) = HostTags.Normalise(tags);
        if (errors.Count > 0)
            return new HostTagsSaveResult.Invalid(errors);
        var before = await db.Hosts.Where(h => h.Id == hostId).Select(h => new { h.Name, h.Tags }).FirstOrDefaultAsync(ct);
        if (before is null || await db.Hosts.Where(h => h.Id == hostId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Tags, normal), ct) == 0)
            return new HostTagsSaveResult.HostNotFound();
        await audit.RecordAsync(Audit.AuditActions.TagsSaved, Audit.AuditTargets.Host(hostId, before.Name), before.Tags, normal, ct);
        feed.PublishHostChanged(hostId);
        return new HostTagsSaveResult.Saved(normal);
    }
}
