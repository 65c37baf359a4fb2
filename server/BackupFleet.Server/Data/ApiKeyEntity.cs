namespace BackupFleet.Server.Data;

/// <summary>A key for the API, stored as a hash; it acts with its role, never higher than its creator's.</summary>
public sealed class ApiKeyEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string Role { get; set; } = Features.Auth.Roles.Viewer;
    /// <summary>The user who created it; null for the bootstrap key from configuration.</summary>
    public Guid? CreatedBy { get; set; }
    /// <summary>The key's first characters, to tell keys apart in a list; the rest is never stored.</summary>
    public string Prefix { get; set; } = "";
}
