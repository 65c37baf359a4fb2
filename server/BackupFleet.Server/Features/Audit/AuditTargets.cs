namespace BackupFleet.Server.Features.Audit;

/// <summary>How an audit entry names what was acted on: the kind, the name a person knows it by, and the id that stays.</summary>
public static class AuditTargets
{
    public static string Host(Guid id, string? name) => name is null ? $"host {id}" : $"host {name} ({id})";
    public static string Run(Guid id) => $"run {id}";
    public static string ApiKey(Guid id, string? name) => name is null ? $"api-key {id}" : $"api-key {name} ({id})";
    public static string User(Guid id, string name) => $"user {name} ({id})";
    public static string Job(Guid id) => $"provisioning job {id}";
    public static string NotificationRule(Guid id, string name) => $"notification rule {name} ({id})";
}
