namespace BackupFleet.Server.Features.Provisioning;

/// <summary>A request to create the host's backup VHDX on the share.</summary>
/// <param name="VhdxPath">UNC path of the new file, e.g. \\nas01\backups\HV01.vhdx; it must not exist yet.</param>
/// <param name="Size">e.g. "5.3TB" or "4096GB" (binary units, as PowerShell reads them); at most 64TB.</param>
/// <param name="DriveLetter">Where the new volume is formatted; default "B:".</param>
/// <param name="Label">The NTFS volume label; default "Backup Disk".</param>
public sealed record ProvisioningRequestDto(string? VhdxPath, string? Size, string? DriveLetter, string? Label);

/// <summary>A provisioning job as the API and the host page show it.</summary>
public sealed record ProvisioningJobView(
    Guid Id, Guid HostId, string VhdxPath, long SizeBytes, string DriveLetter, string Label, string State, IReadOnlyList<string> Lines,
    string? Error, string? RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, IReadOnlyList<string> Warnings);
