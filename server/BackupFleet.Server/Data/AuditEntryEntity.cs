namespace BackupFleet.Server.Data;

/// <summary>
/// One change or security-relevant event: who, when, from where, what, before → after. Append-only: the database refuses
/// to update or delete a row (trigger in the migration).
/// </summary>
public sealed class AuditEntryEntity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The user's name, "api-key:name", "agent:HOST", "schedule", or what a failed sign-in typed.</summary>
    public required string Actor { get; set; }
    public required string ActorKind { get; set; }
    /// <summary>The caller's IP address, when it came over the network.</summary>
    public string? Address { get; set; }
    /// <summary>e.g. "policy.saved", "run.cancelled", "sign-in.failed".</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to, e.g. "host HV01 (id)".</summary>
    public string? Target { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
