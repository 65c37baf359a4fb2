namespace BackupFleet.Server.Data;

public enum DeliveryState { Pending, Delivered, Failed }

/// <summary>
/// One notification for one rule, written in the same moment as what it reports and sent from here (an outbox):
/// a server restart loses none, and the unique (event, subject, rule) lets a replayed trigger add none.
/// </summary>
public sealed class NotificationDeliveryEntity
{
    public Guid Id { get; set; }
    /// <summary>What happened, e.g. "run.failed" (NotificationEvents).</summary>
    public required string Event { get; set; }
    /// <summary>The host it is about; null for the daily summary.</summary>
    public Guid? HostId { get; set; }
    /// <summary>What it is about, e.g. "run:{id}", "finding:{id}", "agent-offline:{host}:{last seen}" (NotificationSubjects).</summary>
    public required string Subject { get; set; }
    /// <summary>The rule that chose it; null once the rule is deleted (the log stays).</summary>
    public Guid? RuleId { get; set; }
    /// <summary>Where it went, in words, kept when the rule changes or goes: "email to a@b, c@d" or "webhook https://…".</summary>
    public required string Channel { get; set; }
    /// <summary>The notification's title, for the log.</summary>
    public required string Title { get; set; }
    public required string PayloadJson { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
}
