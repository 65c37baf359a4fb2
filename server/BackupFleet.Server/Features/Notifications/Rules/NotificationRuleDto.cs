using BackupFleet.Server.Data;

namespace BackupFleet.Server.Features.Notifications.Rules;

/// <summary>A rule as it is written: to create one, or to replace one (a webhook secret left empty keeps the one stored).</summary>
/// <param name="Events">What it wants, from NotificationEvents.All.</param>
/// <param name="HostTag">Only hosts with this tag; empty for every host.</param>
/// <param name="OfflineMinutes">For agent.offline: minutes an agent must have been away (5 to 10080, default 30).</param>
public sealed record NotificationRuleRequest(
    string? Name,
    string[]? Events,
    NotificationChannel? Channel,
    string? HostTag = null,
    string[]? Recipients = null,
    string? WebhookUrl = null,
    string? WebhookSecret = null,
    int? OfflineMinutes = null,
    bool Enabled = true);

/// <summary>A rule as it is read: the webhook secret is never shown, only whether one is set.</summary>
public sealed record NotificationRuleView(
    Guid Id,
    string Name,
    bool Enabled,
    IReadOnlyList<string> Events,
    string? HostTag,
    NotificationChannel Channel,
    IReadOnlyList<string> Recipients,
    string? WebhookUrl,
    bool HasWebhookSecret,
    int OfflineMinutes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static NotificationRuleView Of(NotificationRuleEntity r) => new(r.Id, r.Name, r.Enabled, r.Events, r.HostTag, r.Channel, r.Recipients,
        r.WebhookUrl, r.WebhookSecret is not null, r.OfflineMinutes, r.CreatedAt, r.UpdatedAt);

    /// <summary>Where its messages go, in words, for the delivery log: a webhook by its server only, as chat services put their key in the path.</summary>
    public static string Destination(NotificationRuleEntity r) => r.Channel == NotificationChannel.Email
        ? $"{r.Name}: email to " + string.Join(", ", r.Recipients)
        : $"{r.Name}: webhook " + WebhookServer(r.WebhookUrl);

    /// <summary>"https://hooks.example.com/…": enough to tell receivers apart, nothing of the path or query.</summary>
    public static string WebhookServer(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? $"{parsed.Scheme}://{parsed.Authority}/…" : "";
}

/// <summary>The answer of "Send test".</summary>
/// <param name="Status">The webhook receiver's HTTP status; null for e-mail or when none was reached.</param>
public sealed record NotificationTestResult(bool Delivered, string Destination, int? Status, string? Error);
