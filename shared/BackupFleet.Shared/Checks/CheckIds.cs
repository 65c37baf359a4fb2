namespace BackupFleet.Shared.Checks;

/// <summary>The rules' ids. They are stored with findings and used in filters and links: never rename one.</summary>
public static class CheckIds
{
    /// <summary>Every id, for validating filters; read from the constants so a new rule cannot be forgotten here.</summary>
    public static IReadOnlySet<string> All { get; } = ConstantNames.Of(typeof(CheckIds));

    // Host rules: pure functions over one inventory snapshot.
    public const string VmDiskOutsideVmFolder = "vm-disk-outside-vm-folder";
    public const string VmStorageSplit = "vm-storage-split";
    public const string RestorePathTooLong = "restore-path-too-long";
    public const string TargetDirectSmb = "target-direct-smb";
    public const string TargetNotVhdx = "target-not-vhdx";
    public const string TargetVhdxDynamic = "target-vhdx-dynamic";
    public const string TargetTooLarge = "target-too-large";
    public const string TargetAllocationUnit = "target-allocation-unit";
    public const string LowFreeSpace = "low-free-space";
    public const string VhdAclMissing = "vhd-acl-missing";
    public const string VmBackupIntegrationDisabled = "vm-backup-integration-disabled";

    // Host rules for the further hazards of KNOWLEDGE.md §4.
    public const string VmPassThroughDisk = "vm-pass-through-disk";
    public const string VmLeftoverCheckpoint = "vm-leftover-checkpoint";
    public const string VmVhdSet = "vm-vhd-set";
    public const string VmVolumeRefs = "vm-volume-refs";
    public const string VmVolumeNoDriveLetter = "vm-volume-no-drive-letter";
    public const string VmVolumeFileSystem = "vm-volume-file-system";

    // Fleet rules: over the server's data about many hosts.
    public const string TargetSharedByHosts = "target-shared-by-hosts";
    public const string BackupWindowOverrun = "backup-window-overrun";
    public const string RpoBreached = "rpo-breached";
}
