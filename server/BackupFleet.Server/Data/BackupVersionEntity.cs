namespace BackupFleet.Server.Data;

/// <summary>A backup version on a host's target as `wbadmin get versions` last listed it.</summary>
public sealed class BackupVersionEntity
{
    public long Id { get; set; }
    public Guid HostId { get; set; }
    public required string VersionIdentifier { get; set; }
    public DateTimeOffset? BackupTime { get; set; }
    public string? BackupTarget { get; set; }
    public List<string> CanRecover { get; set; } = [];
    public string? SnapshotId { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
}
