using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Shared.Checks;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Findings;

/// <summary>
/// Keeps the stored findings equal to what the rules found last: a problem found again keeps its first-seen time and
/// gets the latest wording, a new one is added, one no longer found is resolved (kept, with the time it went away).
/// </summary>
public sealed class FindingStore(FleetDb db, FleetChangeFeed feed, NotificationOutbox notifications, TimeProvider clock)
{
    /// <summary>How exact "last seen" is kept.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(10);

    /// <summary>Replaces one host's findings of one scope with <paramref name="current"/>.</summary>
    public Task SyncHostAsync(Guid hostId, FindingScope scope, IReadOnlyList<Finding> current, CancellationToken ct) =>
        SyncAsync(db.Findings.Where(f => f.HostId == hostId), scope, current.Select(f => (hostId, f)).ToList(), ct);

    /// <summary>Replaces the fleet rules' findings of every host with <paramref name="current"/>.</summary>
    public Task SyncFleetAsync(IReadOnlyList<(Guid HostId, Finding Finding)> current, CancellationToken ct) =>
        SyncAsync(db.Findings, FindingScope.Fleet, current, ct);

    private async Task SyncAsync(IQueryable<FindingEntity> among, FindingScope scope, IReadOnlyList<(Guid HostId, Finding Finding)> current,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = (await among.Where(f => f.Scope == scope && f.ResolvedAt == null).ToListAsync(ct))
            .ToDictionary(f => (f.HostId, f.Check, f.Subject));
        var changed = new HashSet<Guid>();
        var opened = new List<FindingEntity>();
        foreach (var (hostId, finding) in current.DistinctBy(c => (c.HostId, c.Finding.Check, c.Finding.Subject)))
        {
            if (open.Remove((hostId, finding.Check, finding.Subject), out var stored))
            {
                if (stored.Severity != finding.Severity || stored.Message != finding.Message || stored.Fix != finding.Fix)
                    changed.Add(hostId);
                (stored.Severity, stored.Message, stored.Fix) = (finding.Severity, finding.Message, finding.Fix);
                // Seen again: worth a write only now and then, not on every run of the rules for every open finding.
                if (now - stored.LastSeenAt >= LastSeenResolution)
                    stored.LastSeenAt = now;
                continue;
            }
            opened.Add(db.Findings.Add(new FindingEntity
            {
                HostId = hostId, Check = finding.Check, Severity = finding.Severity, Subject = finding.Subject, Message = finding.Message,
                Fix = finding.Fix, Scope = scope, FirstSeenAt = now, LastSeenAt = now,
            }).Entity);
            changed.Add(hostId);
        }
        foreach (var gone in open.Values)
        {
            gone.ResolvedAt = now;
            changed.Add(gone.HostId);
        }
        await db.SaveChangesAsync(ct);
        await notifications.FindingsOpenedAsync(opened, ct);
        foreach (var hostId in changed)
            feed.PublishFindingsChanged(hostId);
    }
}
