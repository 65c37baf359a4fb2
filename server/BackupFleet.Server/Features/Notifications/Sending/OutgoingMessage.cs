using System.Text.Json.Nodes;
using BackupFleet.Server.Data;

namespace BackupFleet.Server.Features.Notifications.Sending;

/// <summary>What one rule sends in one go: a single notification, or the alerts the throttle held back, together.</summary>
public sealed class OutgoingMessage(NotificationRuleEntity rule, IReadOnlyList<NotificationDeliveryEntity> deliveries)
{
    public NotificationRuleEntity Rule { get; } = rule;
    public IReadOnlyList<NotificationDeliveryEntity> Deliveries { get; } = deliveries;
    public bool IsDigest => Deliveries.Count > 1;
    public bool IsAlert => NotificationEvents.IsAlert(Deliveries[0].Event);

    /// <summary>Each notification as stored, with its delivery id: the same on every attempt, so a receiver can drop repeats.</summary>
    public IReadOnlyList<JsonObject> Notifications() => Deliveries.Select(d =>
    {
        var body = JsonNode.Parse(d.PayloadJson)!.AsObject();
        body["deliveryId"] = d.Id;
        return body;
    }).ToList();

    /// <summary>"3 × Run failed, 1 × RPO breached": what a digest holds.</summary>
    public string Counts() => string.Join(", ", Deliveries.GroupBy(d => d.Event).Select(g => $"{g.Count()} × {NotificationEvents.Describe(g.Key)}"));
}

/// <summary>How sending a message went; <paramref name="Final"/> when trying again cannot help.</summary>
public sealed record SendOutcome(bool Delivered, int? Status, string? Error, bool Final = false);
