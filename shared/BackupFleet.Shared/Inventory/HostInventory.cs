namespace BackupFleet.Shared.Inventory;

/// <summary>
/// One host at one moment, in the format of shared/reference/inventory.md: what the agent will send after each run,
/// what the capture script writes, and what a scenario file describes. Property names are the Windows cmdlets' names.
/// </summary>
public sealed record HostInventory(
    string Schema,
    DateTimeOffset CapturedAt,
    string ComputerName,
    string OsCaption,
    string OsVersion,
    IReadOnlyList<InventoryVm> Vms,
    IReadOnlyList<InventoryVmHardDiskDrive> VmHardDiskDrives,
    IReadOnlyList<InventoryVhd> Vhds,
    IReadOnlyList<InventoryVolume> Volumes,
    IReadOnlyList<InventoryIntegrationService> VmIntegrationServices,
    InventoryBackupTarget BackupTarget)
{
    public const string SchemaV1 = "backupfleet.inventory/1";
}

public sealed record InventoryVm(
    string Name, Guid Id, VmState State, int Generation, string Path, string ConfigurationLocation, string? SnapshotFileLocation);

/// <param name="DiskNumber">Set for a pass-through physical disk, whose Path is then a description, not a file.</param>
public sealed record InventoryVmHardDiskDrive(
    string VMName, string Path, ControllerType ControllerType, int ControllerNumber, int ControllerLocation, int? DiskNumber);

/// <param name="Access">Identities in the file's ACL; null when it could not be read.</param>
public sealed record InventoryVhd(
    string Path, VhdFormat VhdFormat, VhdType VhdType, long FileSize, long Size, string? ParentPath, IReadOnlyList<string>? Access);

/// <param name="DriveLetter">Upper-case letter, or null for a volume without one (EFI System Partition, Recovery).</param>
public sealed record InventoryVolume(
    char? DriveLetter, string? FileSystemLabel, string FileSystem, long AllocationUnitSize, long Size, long SizeRemaining);

public sealed record InventoryIntegrationService(string VMName, string Name, bool Enabled);

/// <summary>The backup target; the VHDX fields describe the file, the file-system fields its volume. Unreadable fields are null.</summary>
public sealed record InventoryBackupTarget(
    BackupTargetKind Kind,
    string? Path,
    VhdFormat? VhdFormat,
    VhdType? VhdType,
    long? Size,
    char? DriveLetter,
    string? FileSystem,
    long? AllocationUnitSize);
