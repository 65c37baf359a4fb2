using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Notifications.Rules;
using BackupFleet.Server.Features.Notifications.Sending;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Notifications;

/// <summary>One notification for one rule, about <paramref name="Subject"/>.</summary>
public sealed record Notification(NotificationRuleEntity Rule, NotificationContent Content, string Subject);

/// <summary>Subjects: what a notification is about; with the event and the rule they make it unique.</summary>
public static class NotificationSubjects
{
    public static string Run(Guid runId) => $"run:{runId}";
    public static string Finding(long findingId) => $"finding:{findingId}";
    /// <summary>One absence of an agent: the same last-seen time until it comes back.</summary>
    public static string AgentOffline(Guid hostId, DateTimeOffset lastSeenAt) => $"agent-offline:{hostId}:{lastSeenAt.ToUnixTimeSeconds()}";
    public static string DailySummary(DateOnly day) => $"summary:{day:yyyy-MM-dd}";
    public static string Test(Guid id) => $"test:{id}";
}

/// <summary>
/// Writes one delivery per rule that wants what happened, for the hosts it covers; <see cref="NotificationSender"/> sends
/// them. Each (event, subject, rule) is written once: a replayed trigger adds nothing.
/// </summary>
/// <param name="json">The API's own JSON settings: a webhook body reads like the API's answers (camelCase, enums as names).</param>
public sealed class NotificationOutbox(FleetDb db, IOptions<NotificationOptions> options, IOptions<JsonOptions> json, RunErrorDecoding decoding,
    NotificationSender sender, TimeProvider clock)
{
    /// <summary>
    /// A run that ended Failed, Interrupted or Missed: somebody has to hear that no backup was made; and a success after
    /// such a run, so that they hear it is over. Other endings notify nobody.
    /// </summary>
    public async Task RunEndedAsync(Guid runId, CancellationToken ct)
    {
        var found = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Join(db.Hosts, r => r.HostId, h => h.Id, (r, h) => new { Run = r, h.Name, h.Tags }).FirstOrDefaultAsync(ct);
        if (found is null || await EventOfAsync(found.Run, ct) is not { } notificationEvent)
            return;
        var rules = await RulesForAsync(notificationEvent, found.Tags, ct);
        if (rules.Count == 0)
            return;
        var error = await decoding.DecodeAsync(found.Run, found.Name, ct);
        var content = Writer().Run(notificationEvent, found.Run, found.Name, error);
        await AddAsync(rules, content, NotificationSubjects.Run(runId), ct);
    }

    /// <summary>New findings: an rpo-breached one is rpo.breached, any other of severity error is finding.error.</summary>
    public async Task FindingsOpenedAsync(IReadOnlyList<FindingEntity> opened, CancellationToken ct)
    {
        var relevant = opened.Select(f => (Finding: f, Event: f.Check == CheckIds.RpoBreached ? NotificationEvents.RpoBreached
            : f.Severity == FindingSeverity.Error ? NotificationEvents.FindingError : null)).Where(f => f.Event is not null).ToList();
        if (relevant.Count == 0)
            return;
        var rules = await db.NotificationRules.AsNoTracking()
            .Where(r => r.Enabled && (r.Events.Contains(NotificationEvents.RpoBreached) || r.Events.Contains(NotificationEvents.FindingError))).ToListAsync(ct);
        if (rules.Count == 0)
            return;
        var hostIds = relevant.Select(f => f.Finding.HostId).Distinct().ToList();
        var hosts = await db.Hosts.AsNoTracking().Where(h => hostIds.Contains(h.Id)).Select(h => new { h.Id, h.Name, h.Tags }).ToDictionaryAsync(h => h.Id, ct);
        var writer = Writer();
        var items = new List<Notification>();
        foreach (var (finding, notificationEvent) in relevant)
        {
            if (!hosts.TryGetValue(finding.HostId, out var host))
                continue;
            var content = writer.Finding(notificationEvent!, finding, host.Name);
            items.AddRange(rules.Where(r => r.Events.Contains(notificationEvent) && Covers(r, host.Tags))
                .Select(r => new Notification(r, content, NotificationSubjects.Finding(finding.Id))));
        }
        await AddAsync(items, ct);
    }

    /// <summary>The enabled rules that want <paramref name="notificationEvent"/> for a host with <paramref name="hostTags"/> (null: any host).</summary>
    public async Task<List<NotificationRuleEntity>> RulesForAsync(string notificationEvent, string[]? hostTags, CancellationToken ct)
    {
        var rules = await db.NotificationRules.AsNoTracking().Where(r => r.Enabled && r.Events.Contains(notificationEvent)).ToListAsync(ct);
        return hostTags is null ? rules : rules.Where(r => Covers(r, hostTags)).ToList();
    }

    public static bool Covers(NotificationRuleEntity rule, IEnumerable<string> hostTags) =>
        rule.HostTag is null || hostTags.Contains(rule.HostTag, StringComparer.OrdinalIgnoreCase);

    public NotificationWriter Writer() => new(options.Value, clock.GetUtcNow());

    public Task<int> AddAsync(IEnumerable<NotificationRuleEntity> rules, NotificationContent content, string subject, CancellationToken ct) =>
        AddAsync(rules.Select(r => new Notification(r, content, subject)).ToList(), ct);

    /// <summary>
    /// Writes the notifications in one statement. A rule deleted or switched off since it was read gets none; a
    /// notification written before (the same event, subject and rule) is not written again.
    /// </summary>
    /// <returns>How many deliveries were new.</returns>
    public async Task<int> AddAsync(IReadOnlyList<Notification> items, CancellationToken ct)
    {
        if (items.Count == 0)
            return 0;
        var now = clock.GetUtcNow();
        // One content is often sent to several rules: serialised once.
        var payloads = new Dictionary<NotificationContent, string>(ReferenceEqualityComparer.Instance);
        foreach (var item in items)
            payloads.TryAdd(item.Content, JsonSerializer.Serialize(item.Content, json.Value.SerializerOptions));
        var ids = items.Select(_ => Guid.CreateVersion7(now)).ToArray();
        var events = items.Select(i => i.Content.Event).ToArray();
        var hostIds = items.Select(i => i.Content.Host?.Id).ToArray();
        var subjects = items.Select(i => i.Subject).ToArray();
        var ruleIds = items.Select(i => i.Rule.Id).ToArray();
        var channels = items.Select(i => NotificationRuleView.Destination(i.Rule)).ToArray();
        var titles = items.Select(i => i.Content.ShortTitle).ToArray();
        var bodies = items.Select(i => payloads[i.Content]).ToArray();
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notification_deliveries (id, event, host_id, subject, rule_id, channel, title, payload_json, state, attempts, next_attempt_at, created_at)
            SELECT n.id, n.event, n.host_id, n.subject, r.id, n.channel, n.title, n.payload::jsonb, {nameof(DeliveryState.Pending)}, 0, {now}, {now}
            FROM unnest({ids}, {events}, {hostIds}, {subjects}, {ruleIds}, {channels}, {titles}, {bodies})
                 AS n(id, event, host_id, subject, rule_id, channel, title, payload)
            JOIN notification_rules r ON r.id = n.rule_id AND r.enabled
            ON CONFLICT (event, subject, rule_id) DO NOTHING
            """, ct);
        if (added > 0)
            sender.Nudge();
        return added;
    }

    private async Task<string?> EventOfAsync(RunEntity run, CancellationToken ct)
    {
        switch (run.State)
        {
            case RunState.Failed or RunState.Interrupted:
                return NotificationEvents.RunFailed;
            case RunState.Missed:
                return NotificationEvents.RunMissed;
            case RunState.Succeeded:
                // A cancelled run says nothing about the host's health; the one before it does.
                var previous = await db.Runs.AsNoTracking()
                    .Where(p => p.HostId == run.HostId && p.Id != run.Id && p.QueuedAt < run.QueuedAt && p.FinishedAt != null && p.State != RunState.Cancelled)
                    .OrderByDescending(p => p.QueuedAt).Select(p => (RunState?)p.State).FirstOrDefaultAsync(ct);
                return previous is RunState.Failed or RunState.Interrupted or RunState.Missed ? NotificationEvents.RunRecovered : null;
            default:
                return null;
        }
    }
}
