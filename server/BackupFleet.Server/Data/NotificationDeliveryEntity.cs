namespace BackupFleet.Server.Data;

public enum DeliveryState { Pending, Delivered, Failed }

/// <summary>
/// One notification to one channel, written in the same moment as what it reports and sent from here (an outbox):
/// a server restart loses none, and the unique (event, subject, channel) lets a replayed trigger add none.
/// </summary>
public sealed class NotificationDeliveryEntity
{
    public Guid Id { get; set; }
    /// <summary>What happened, e.g. "run.failed" (NotificationEvents).</summary>
    public required string Event { get; set; }
    public Guid HostId { get; set; }
    /// <summary>What it is about: the run's id for run events.</summary>
    public Guid SubjectId { get; set; }
    /// <summary>Where it goes, e.g. "webhook:ops".</summary>
    public required string Channel { get; set; }
    public required string PayloadJson { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
}
