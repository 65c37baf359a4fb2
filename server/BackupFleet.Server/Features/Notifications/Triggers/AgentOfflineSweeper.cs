using BackupFleet.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Notifications.Triggers;

/// <summary>
/// Every minute: an agent away longer than a rule's minutes is reported to that rule once per absence (the absence is
/// known by the agent's last-seen time, which stays the same until it is back).
/// </summary>
public sealed class AgentOfflineSweeper(FleetDb db, NotificationOutbox outbox, TimeProvider clock)
{
    public const string JobId = "notifications-agent-offline";

    /// <returns>How many notifications were new.</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var rules = await outbox.RulesForAsync(NotificationEvents.AgentOffline, null, ct);
        if (rules.Count == 0)
            return 0;
        var now = clock.GetUtcNow();
        var since = now.AddMinutes(-rules.Min(r => r.OfflineMinutes));
        var away = await db.Hosts.AsNoTracking().Where(h => h.ConnectionId == null && h.LastSeenAt != null && h.LastSeenAt <= since)
            .Select(h => new { h.Id, h.Name, h.Tags, LastSeenAt = h.LastSeenAt!.Value }).ToListAsync(ct);
        var writer = outbox.Writer();
        var added = 0;
        foreach (var host in away)
        {
            var wanting = rules.Where(r => NotificationOutbox.Covers(r, host.Tags) && host.LastSeenAt <= now.AddMinutes(-r.OfflineMinutes)).ToList();
            if (wanting.Count > 0)
                added += await outbox.AddAsync(wanting, writer.AgentOffline(host.Id, host.Name, host.LastSeenAt),
                    NotificationSubjects.AgentOffline(host.Id, host.LastSeenAt), ct);
        }
        return added;
    }
}
