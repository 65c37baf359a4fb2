using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.PowerShell;
using BackupFleet.Shared.Provisioning;
using static BackupFleet.Shared.PowerShell.PowerShellLiteral;

namespace BackupFleet.Shared.Checks;

/// <summary>The volumes that hold VM files: room for checkpoints (KNOWLEDGE.md §3, cause 1) and what can be shadow-copied (§4).</summary>
internal static class VolumeRules
{
    /// <summary>KNOWLEDGE.md §3, cause 1: with less free, the checkpoint or shadow copy a backup takes of a VM on the volume fails.</summary>
    public const double MinFreeShare = 0.15;

    public static IEnumerable<Finding> Check(HostInventory inventory)
    {
        foreach (var (volume, vms) in HostFiles.VolumesWithVmFiles(inventory))
        {
            if (WindowsPaths.IsVolumeGuidPath(volume))
            {
                yield return NoDriveLetter(inventory, volume, vms);
                continue;
            }
            if (HostFiles.LetteredVolume(inventory, volume) is not { } v)
                continue;
            if (v.Size > 0 && FreeShare(v) < MinFreeShare)
                yield return LowFreeSpace(inventory, volume, v, vms);
            if (v.FileSystem.Contains("ReFS", StringComparison.OrdinalIgnoreCase))
                yield return Refs(volume, v, vms);
            else if (!IsShadowable(v))
                yield return FileSystem(inventory, volume, v, vms);
        }
    }

    private static double FreeShare(InventoryVolume v) => (double)v.SizeRemaining / v.Size;

    // Volume Shadow Copy works on NTFS and ReFS only (CSVFS_NTFS and CSVFS_ReFS on a cluster).
    private static bool IsShadowable(InventoryVolume v) =>
        v.FileSystem.Contains("NTFS", StringComparison.OrdinalIgnoreCase) || v.FileSystem.Contains("ReFS", StringComparison.OrdinalIgnoreCase);

    private static string Described(string volume, InventoryVolume v) => v.FileSystemLabel is { Length: > 0 } label ? $"{volume} ({label})" : volume;

    private static string VmNames(IReadOnlyList<InventoryVm> vms) => FindingText.Vms(vms.Select(vm => vm.Name));

    /// <summary>
    /// Where VM files could go instead: another lettered NTFS or ReFS volume with room, the most free first; never the backup
    /// target's volume, nor C:, the system volume, which checkpoint files must not fill.
    /// </summary>
    private static string? OtherVolume(HostInventory inventory, string volume) =>
        inventory.Volumes
            .Where(v => v.DriveLetter is { } l && l != 'C' && l != inventory.BackupTarget.DriveLetter && $"{l}:" != volume
                        && IsShadowable(v) && v.Size > 0 && FreeShare(v) >= MinFreeShare)
            .OrderByDescending(v => v.SizeRemaining)
            .Select(v => $"{v.DriveLetter}:")
            .FirstOrDefault();

    private static Finding LowFreeSpace(HostInventory inventory, string volume, InventoryVolume v, IReadOnlyList<InventoryVm> vms)
    {
        var missing = TargetSize.Format((long)Math.Ceiling(v.Size * MinFreeShare) - v.SizeRemaining);
        var fix = new List<string>();
        var movable = vms.Where(vm => WindowsPaths.Same(WindowsPaths.Volume(vm.SnapshotFileLocation), volume)).ToList();
        if (OtherVolume(inventory, volume) is { } other && movable.Count > 0)
        {
            fix.Add(FixText.Note($"Free at least {missing} on {volume}, or move the VMs' checkpoint files to {other}; a VM's checkpoint location can change only while it has no checkpoints."));
            foreach (var vm in movable)
            {
                var folder = Quote(WindowsPaths.Combine(other, vm.Name));
                fix.Add($"New-Item -ItemType Directory -Force -Path {folder} | Out-Null");
                fix.Add($"Set-VM -Name {Quote(vm.Name)} -SnapshotFileLocation {folder}");
            }
        }
        else
            fix.Add(FixText.Note($"Free at least {missing} on {volume}."));
        return new Finding(CheckIds.LowFreeSpace, FindingSeverity.Warning, volume,
            $"{Described(volume, v)} has {FindingText.Percent(FreeShare(v))} free ({TargetSize.Format(v.SizeRemaining)} of {TargetSize.Format(v.Size)}) "
            + $"and holds files of {VmNames(vms)}. With less than {FindingText.Percent(MinFreeShare)} free, the checkpoint or shadow copy "
            + "a backup takes of a VM on it can fail (0x80070002) and the backup skips the VM.",
            FixText.Lines(fix));
    }

    private static Finding Refs(string volume, InventoryVolume v, IReadOnlyList<InventoryVm> vms) =>
        new(CheckIds.VmVolumeRefs, FindingSeverity.Info, volume,
            $"{Described(volume, v)} is ReFS and holds files of {VmNames(vms)}. Windows Server Backup cannot back up a ReFS volume "
            + "incrementally: every run copies these VMs in full, which the backup window must allow for.",
            FixText.Note("Nothing to change while full copies of these VMs fit the backup window; otherwise move them to an NTFS volume with Move-VMStorage."));

    private static Finding FileSystem(HostInventory inventory, string volume, InventoryVolume v, IReadOnlyList<InventoryVm> vms)
    {
        var other = OtherVolume(inventory, volume);
        return new Finding(CheckIds.VmVolumeFileSystem, FindingSeverity.Warning, volume,
            $"{Described(volume, v)} is {v.FileSystem} and holds files of {VmNames(vms)}. Only NTFS and ReFS volumes can be "
            + "shadow-copied, so these VMs cannot be backed up while they run.",
            other is null
                ? FixText.Note("Move the VMs' files to an NTFS volume with Move-VMStorage.")
                : FixText.Lines(vms.Select(vm => $"Move-VMStorage -VMName {Quote(vm.Name)} -DestinationStoragePath {Quote(WindowsPaths.Combine(other, vm.Name))}")
                    .Prepend(FixText.Note($"Moves all of each VM's files to {other}, with the VM running."))));
    }

    private static Finding NoDriveLetter(HostInventory inventory, string volume, IReadOnlyList<InventoryVm> vms)
    {
        var example = vms.SelectMany(vm => HostFiles.Locations(inventory, vm)).First(p => WindowsPaths.Same(WindowsPaths.Volume(p), volume));
        return new Finding(CheckIds.VmVolumeNoDriveLetter, FindingSeverity.Warning, volume,
            $"Files of {VmNames(vms)} are on a volume without a drive letter ({example}). Windows Server Backup cannot shadow-copy "
            + "them for a backup while the VMs run.",
            FixText.Lines(
                FixText.Note("Gives the volume a drive letter; then move the VMs' files to paths on that letter with Move-VMStorage."),
                $"Get-Volume -Path {Quote(volume + @"\")} | Get-Partition | Add-PartitionAccessPath -AssignDriveLetter"));
    }
}
