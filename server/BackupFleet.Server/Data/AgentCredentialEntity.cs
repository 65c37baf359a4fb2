namespace BackupFleet.Server.Data;

/// <summary>A host's own secret; only its SHA-256 hash is kept.</summary>
public sealed class AgentCredentialEntity
{
    public Guid Id { get; set; }
    public Guid HostId { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
