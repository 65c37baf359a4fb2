namespace BackupFleet.Shared.Inventory;

/// <summary>One record of `wbadmin get versions`.</summary>
/// <param name="VersionIdentifier">Verbatim, as `-version:` takes it back (MM/DD/YYYY-HH:MM, UTC).</param>
/// <param name="BackupTime">The identifier read as UTC; null when it does not parse.</param>
/// <param name="CanRecover">As listed, e.g. "Volume(s)", "File(s)", "Application(s)", "Bare Metal Recovery", "System State".</param>
public sealed record BackupVersionDto(string VersionIdentifier, DateTimeOffset? BackupTime, string? BackupTarget, IReadOnlyList<string> CanRecover, string? SnapshotId);

public sealed record BackupVersionsReport(string TargetPath, DateTimeOffset ReadAt, IReadOnlyList<BackupVersionDto> Versions);
