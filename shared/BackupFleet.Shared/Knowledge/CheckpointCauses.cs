using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge;

/// <summary>Why Hyper-V cannot make a VM's backup checkpoint (KNOWLEDGE.md §3), shared by the catalogue and the decoder's rule.</summary>
internal static class CheckpointCauses
{
    /// <summary>The real cause in the field report: Windows then names the first disk on the VM's bus, not the culprit.</summary>
    public static readonly Cause Layout = new(
        "A disk of the VM that is not on the VM's configuration volume sits outside a folder named after the VM (e.g. at the root of D:). "
        + $"Check: Get-VMHardDiskDrive -VMName {Placeholders.VmName} | Select-Object Path.", CheckIds.VmDiskOutsideVmFolder);

    /// <summary>The causes to check when the layout is right, in KNOWLEDGE.md §3's order.</summary>
    public static readonly IReadOnlyList<Cause> Generic =
    [
        new("Less than about 15 % free space on the volume that takes the checkpoint and shadow copy data: free space, or move the "
            + $"checkpoints to another volume: Set-VM -Name {Placeholders.VmName} -SnapshotFileLocation '<folder on another volume>'.",
            CheckIds.LowFreeSpace),
        new("The VM's disk files lack the Virtual Machines group's permission: icacls \"<VHD>\" /grant \"NT VIRTUAL MACHINE\\Virtual Machines\":F "
            + "(live-migrating the VM away and back also resets the permissions of its files).", CheckIds.VhdAclMissing),
        new("Hyper-V is not fully patched (Windows Server 2012 R2: the KB2920151 update roll-up)."),
        new("File system errors on the host's volume or inside the guest: chkdsk <volume> /scan on both."),
        new("Integration services out of date, or the VM's \"Backup (volume shadow copy)\" integration service disabled: "
            + $"Enable-VMIntegrationService -VMName {Placeholders.VmName} -Name 'Backup (volume shadow copy)'.", CheckIds.VmBackupIntegrationDisabled),
    ];

    /// <summary>Tells whether VSS on the host works at all (KNOWLEDGE.md §3, less documented).</summary>
    public const string ManualCheckpoint =
        $"A manual checkpoint shows whether VSS on the host works at all: Checkpoint-VM -Name {Placeholders.VmName} -SnapshotName 'BackupFleet test'; "
        + $"Remove-VMSnapshot -VMName {Placeholders.VmName} -Name 'BackupFleet test', then wait for the merge.";

    /// <summary>A disk moved by hand (VM off, file copied) loses the permissions Hyper-V gave it.</summary>
    public const string MoveWithHyperV =
        "Move such a disk with Hyper-V itself (Move-VMStorage or Hyper-V Manager's Move, storage only), never by copying the file by "
        + "hand: a copied file loses the permissions Hyper-V gave it.";
}
