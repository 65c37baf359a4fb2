using BackupFleet.Shared.Checks;

namespace BackupFleet.Server.Data;

/// <summary>
/// One problem a check rule found on a host, kept from the first time it was seen until it is gone (resolved), so the
/// dashboard can say since when a problem exists and that it was fixed. (host, check, subject) is the problem's identity.
/// </summary>
public sealed class FindingEntity
{
    public long Id { get; set; }
    public Guid HostId { get; set; }
    public required string Check { get; set; }
    public FindingSeverity Severity { get; set; }
    public required string Subject { get; set; }
    public required string Message { get; set; }
    public required string Fix { get; set; }
    /// <summary>Which run of the rules keeps it up to date: the host's own (inventory) or the fleet's (many hosts' data).</summary>
    public FindingScope Scope { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

public enum FindingScope { Host, Fleet }
