namespace BackupFleet.Server.Data;

public enum NotificationChannel { Email, Webhook }

/// <summary>
/// Who hears about what: the events a rule wants, for the hosts with its tag (or all hosts), sent by e-mail to its
/// recipients or posted to its webhook. Set in the dashboard or through the API.
/// </summary>
public sealed class NotificationRuleEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public bool Enabled { get; set; }
    /// <summary>NotificationEvents names.</summary>
    public string[] Events { get; set; } = [];
    /// <summary>Only hosts with this tag; null for every host.</summary>
    public string? HostTag { get; set; }
    public NotificationChannel Channel { get; set; }
    public string[] Recipients { get; set; } = [];
    public string? WebhookUrl { get; set; }
    /// <summary>Signs each post (HMAC-SHA256); kept readable because signing needs it, never shown again once set.</summary>
    public string? WebhookSecret { get; set; }
    /// <summary>For agent.offline: how long an agent must have been away before it is reported.</summary>
    public int OfflineMinutes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When the rule last sent an alert: alerts within the throttle window after it wait and go out together.</summary>
    public DateTimeOffset? LastAlertAt { get; set; }
    /// <summary>A node is sending for this rule until then (a lease): another node leaves the rule alone meanwhile.</summary>
    public DateTimeOffset? SendingUntil { get; set; }
}
