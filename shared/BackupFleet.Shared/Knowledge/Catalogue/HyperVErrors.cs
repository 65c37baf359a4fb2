using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge.Catalogue;

/// <summary>
/// Hyper-V's own codes in host-level backups: the return values of its WMI methods and jobs (MS Learn, Msvm_* methods: 32768
/// Failed, 32770 Not Supported, 32775 Invalid state for this operation), which checkpoints of shared VHD Sets (.vhds, guest
/// clusters) fail with (KNOWLEDGE.md §4), and the Hyper-V-VMMS Admin log's merge failure.
/// </summary>
internal static class HyperVErrors
{
    // Causes of the three job results for VHD Sets: a field report quoting Microsoft's "Errors when backing up VMs that belong
    // to a guest cluster" article (Windows Server 2016).
    private const string VhdSetNote = "For a VM with a shared VHD Set (.vhds, a guest cluster): ";

    public static readonly IReadOnlyList<KnownError> All =
    [
        new($"{EventSources.HyperVJob}/32768", "", "Failed",
            "Hyper-V's operation failed. With a shared VHD Set the checkpoint of the VM group failed "
            + "(\"Failed to create checkpoint on collection 'Hyper-V Collection'\").",
            [
                new(VhdSetNote + "the host could not query the cluster service inside the guest: the Failover Clustering feature is not "
                    + "installed or not running in the guest."),
                new("Otherwise: the Hyper-V-VMMS Admin log has the real error of the checkpoint."),
            ],
            $"In each guest of the cluster: Get-Service ClusSvc; on the host: {EventLogQuery.Errors(EventSources.HyperVVmms)}."),

        new($"{EventSources.HyperVJob}/32770", "", "Not Supported",
            "Hyper-V does not support the operation. With a shared VHD Set: \"Active-active access is not supported for the shared VHDX in VM group\".",
            [
                new(VhdSetNote + "the VHD Set disk is a Cluster Shared Volume inside the guest cluster, which cannot be checkpointed."),
            ],
            "Use the VHD Set as an ordinary cluster disk in the guest, not as a Cluster Shared Volume, or back the guests up from inside."),

        new($"{EventSources.HyperVJob}/32775", "", "Invalid state for this operation",
            "The VM or disk was in a state the operation cannot start from. With a shared VHD Set: \"More than one VM claimed to be the "
            + "owner of shared VHDX in VM group\".",
            [
                new(VhdSetNote + "the shared disk must be owned by exactly one guest; no owner (the disk offline in the guest cluster) fails too."),
                new("Otherwise: the VM is starting, stopping, saving or migrating."),
            ],
            "In the guest cluster, bring the shared disk online on one node (Get-ClusterSharedVolume / Get-ClusterResource); retry when the VM is steady."),

        // A field report's Windows Server 2016 guest cluster: "'<VM>' background disk merge failed to complete: General access denied error (0x80070005)".
        new($"{EventSources.HyperVVmms}/19100", "Error", "'{VM}' background disk merge failed to complete: {text} ({code}).",
            "Merging a checkpoint's differencing disk (.avhdx) back into its parent failed; the .avhdx stays and keeps growing.",
            [
                new("The VM's files or the folder of its checkpoints lack the VM's permission (General access denied error, 0x80070005).",
                    CheckIds.VhdAclMissing),
                new("The volume has too little free space for the merge.", CheckIds.LowFreeSpace),
            ],
            $"Grant the permission (icacls \"<VHD>\" /grant \"NT VIRTUAL MACHINE\\Virtual Machines\":F) and see the checkpoints left: "
            + $"Get-VMSnapshot -VMName {Placeholders.VmName}; Get-VMHardDiskDrive -VMName {Placeholders.VmName} | Select-Object Path."),
    ];
}
