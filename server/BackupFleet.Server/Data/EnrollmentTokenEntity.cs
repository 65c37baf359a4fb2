namespace BackupFleet.Server.Data;

/// <summary>A single-use token that lets one agent enroll before it expires.</summary>
public sealed class EnrollmentTokenEntity
{
    public Guid Id { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>Set at creation for a token that re-enrolls that host; set at use to the host it enrolled.</summary>
    public Guid? HostId { get; set; }
}
