using BackupFleet.Server.Data;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Notifications.Triggers;

/// <summary>
/// Once a day (Notifications:DailySummaryAt): to each rule that wants summary.daily, what ran in the last 24 hours,
/// what failed, what is out of RPO and which agents are away, for the hosts the rule covers. Once per rule and day.
/// </summary>
public sealed class DailySummaryJob(FleetDb db, NotificationOutbox outbox, IOptions<NotificationOptions> options, TimeProvider clock)
{
    public const string JobId = "notifications-daily-summary";

    /// <returns>How many summaries were new.</returns>
    public async Task<int> SendAsync(CancellationToken ct)
    {
        var rules = await outbox.RulesForAsync(NotificationEvents.DailySummary, null, ct);
        if (rules.Count == 0)
            return 0;
        var now = clock.GetUtcNow();
        var from = now.AddDays(-1);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, options.Value.Zone).DateTime);
        // Once a day over every host: plain reads, filtered per rule here.
        var hosts = await db.Hosts.AsNoTracking().Select(h => new { h.Id, h.Name, h.Tags, h.ConnectionId, h.LastSeenAt }).ToListAsync(ct);
        var runs = await db.Runs.AsNoTracking().Where(r => r.FinishedAt >= from && r.FinishedAt <= now)
            .Select(r => new { r.HostId, r.State, r.FinishedAt, r.ErrorCode, r.ErrorMessage }).ToListAsync(ct);
        var rpo = await db.Findings.AsNoTracking().Where(f => f.ResolvedAt == null && f.Check == CheckIds.RpoBreached)
            .Select(f => new { f.HostId, f.Message }).ToListAsync(ct);
        var writer = outbox.Writer();
        var items = new List<Notification>();
        foreach (var rule in rules)
        {
            var covered = hosts.Where(h => NotificationOutbox.Covers(rule, h.Tags)).ToDictionary(h => h.Id, h => h.Name);
            var summary = new DailySummary(from, now, covered.Count,
                runs.Count(r => r.State == RunState.Succeeded && covered.ContainsKey(r.HostId)),
                SummaryList.Of(runs.Where(r => r.State is RunState.Failed or RunState.Interrupted or RunState.Missed && covered.ContainsKey(r.HostId))
                    .OrderBy(r => r.FinishedAt).Select(r => new SummaryLine(r.HostId, covered[r.HostId], $"{r.State} {r.ErrorCode} {r.ErrorMessage}".TrimEnd())).ToList()),
                SummaryList.Of(rpo.Where(f => covered.ContainsKey(f.HostId)).Select(f => new SummaryLine(f.HostId, covered[f.HostId], f.Message)).OrderBy(l => l.Host).ToList()),
                SummaryList.Of(hosts.Where(h => h.ConnectionId == null && h.LastSeenAt != null && covered.ContainsKey(h.Id)).OrderBy(h => h.Name)
                    .Select(h => new SummaryLine(h.Id, h.Name, "last seen " + writer.When(h.LastSeenAt!.Value))).ToList()));
            items.Add(new Notification(rule, writer.Summary(summary, rule.HostTag), NotificationSubjects.DailySummary(day)));
        }
        return await outbox.AddAsync(items, ct);
    }
}
