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
        var absences = away.Select(h => (Host: h, Subject: NotificationSubjects.AgentOffline(h.Id, h.LastSeenAt))).ToList();
        // Hosts stay away for days: the absences already reported are skipped here rather than written again every minute.
        var subjects = absences.Select(a => a.Subject).ToList();
        var reported = (await db.NotificationDeliveries.AsNoTracking()
            .Where(d => d.Event == NotificationEvents.AgentOffline && subjects.Contains(d.Subject) && d.RuleId != null)
            .Select(d => new { d.Subject, RuleId = d.RuleId!.Value }).ToListAsync(ct)).Select(d => (d.Subject, d.RuleId)).ToHashSet();
        var writer = outbox.Writer();
        var items = new List<Notification>();
        foreach (var (host, subject) in absences)
        {
            var wanting = rules.Where(r => NotificationOutbox.Covers(r, host.Tags) && host.LastSeenAt <= now.AddMinutes(-r.OfflineMinutes)
                && !reported.Contains((subject, r.Id))).ToList();
            if (wanting.Count == 0)
                continue;
            var content = writer.AgentOffline(host.Id, host.Name, host.LastSeenAt);
            items.AddRange(wanting.Select(r => new Notification(r, content, subject)));
        }
        return await outbox.AddAsync(items, ct);
    }
}
