using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.PowerShell;
using static BackupFleet.Shared.PowerShell.PowerShellLiteral;

namespace BackupFleet.Shared.Checks;

/// <summary>
/// Where a VM's disks sit against its configuration (KNOWLEDGE.md §3): a disk at a volume's root, or on another volume and
/// outside a folder named after the VM, makes every backup checkpoint of the VM fail with 0x80070002.
/// </summary>
internal static class VmLayoutRules
{
    public static IEnumerable<Finding> Check(HostInventory inventory)
    {
        foreach (var vm in inventory.Vms)
        {
            var disks = HostFiles.DiskFiles(inventory, vm);
            var configVolume = WindowsPaths.Volume(vm.ConfigurationLocation);
            var outside = disks.Where(d => IsOutsideVmFolder(vm, configVolume, d.Path)).ToList();
            foreach (var disk in outside)
                yield return DiskOutsideVmFolder(vm, configVolume, disks[0].Path, disk.Path);
            var otherVolumes = disks.Select(d => WindowsPaths.Volume(d.Path)).OfType<string>()
                .Where(v => !WindowsPaths.Same(v, configVolume)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (outside.Count == 0 && configVolume is not null && otherVolumes.Count > 0)
                yield return StorageSplit(vm, configVolume, otherVolumes);
        }
    }

    private static bool IsOutsideVmFolder(InventoryVm vm, string? configVolume, string diskPath) =>
        WindowsPaths.Volume(diskPath) is { } volume
        && (WindowsPaths.IsAtVolumeRoot(diskPath)
            || (configVolume is not null && !WindowsPaths.Same(volume, configVolume) && !WindowsPaths.IsInFolderNamed(diskPath, vm.Name)));

    private static Finding DiskOutsideVmFolder(InventoryVm vm, string? configVolume, string firstDisk, string disk)
    {
        var volume = WindowsPaths.Volume(disk)!;
        var where = WindowsPaths.IsAtVolumeRoot(disk)
            ? $"sits at the root of volume {volume}"
            : $"is on volume {volume}, away from the VM's configuration on {configVolume} ({vm.ConfigurationLocation}), and not in a folder named '{vm.Name}'";
        // Windows reports the failure against the first disk on the bus, which sends people looking at the wrong file.
        var blamed = WindowsPaths.Same(firstDisk, disk) ? "" : $" The event log names the VM's first disk, {firstDisk}, not this one.";
        var destination = WindowsPaths.Combine(volume, vm.Name, WindowsPaths.FileName(disk));
        return new Finding(CheckIds.VmDiskOutsideVmFolder, FindingSeverity.Error, disk,
            $"VM '{vm.Name}' has its disk {disk}, which {where}. Hyper-V then cannot create the VM's backup checkpoint: it fails with "
            + $"0x80070002 (\"The system cannot find the file specified\") and the backup skips the VM.{blamed}",
            FixText.Lines(
                FixText.Note($"Moves the disk into a folder named after the VM on {volume}. Let Hyper-V move it (no downtime); a file moved by hand loses the VM's permissions."),
                $"Move-VMStorage -VMName {Quote(vm.Name)} -VHDs @(@{{SourceFilePath={Quote(disk)}; DestinationFilePath={Quote(destination)}}})"));
    }

    private static Finding StorageSplit(InventoryVm vm, string configVolume, IReadOnlyList<string> otherVolumes) =>
        new(CheckIds.VmStorageSplit, FindingSeverity.Info, vm.Name,
            $"VM '{vm.Name}' keeps its configuration on {configVolume} ({vm.ConfigurationLocation}) and disks on {string.Join(", ", otherVolumes)}. "
            + $"Every disk away from {configVolume} is in a folder named '{vm.Name}', a split that checkpoints and backups handle.",
            FixText.Note("Nothing to change. Keep each disk that is not on the configuration's volume in a folder named after the VM, and move disks with Move-VMStorage only."));
}
