using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Paths;

namespace BackupFleet.Shared.Checks;

/// <summary>Where a host's VMs keep their files, looked up in the inventory for the rules.</summary>
internal static class HostFiles
{
    /// <summary>
    /// The VM's drives in bus order (IDE before SCSI, then controller and location): the order Windows goes through them,
    /// so the first is the disk the event log names when a checkpoint fails.
    /// </summary>
    public static IEnumerable<InventoryVmHardDiskDrive> Drives(HostInventory inventory, InventoryVm vm) =>
        inventory.VmHardDiskDrives.Where(d => d.VMName == vm.Name)
            .OrderBy(d => d.ControllerType).ThenBy(d => d.ControllerNumber).ThenBy(d => d.ControllerLocation);

    /// <summary>The VM's disk files in bus order; a pass-through disk is no file.</summary>
    public static IReadOnlyList<InventoryVmHardDiskDrive> DiskFiles(HostInventory inventory, InventoryVm vm) =>
        Drives(inventory, vm).Where(d => d.DiskNumber is null).ToList();

    /// <summary>Every place the VM keeps files: its configuration, its checkpoints and its disk files.</summary>
    public static IEnumerable<string> Locations(HostInventory inventory, InventoryVm vm) =>
        DiskFiles(inventory, vm).Select(d => d.Path).Prepend(vm.SnapshotFileLocation).Prepend(vm.ConfigurationLocation).OfType<string>();

    /// <summary>Each volume ("D:", \\?\Volume{…}, \\server\share) that holds files of VMs, with those VMs in inventory order.</summary>
    public static IEnumerable<(string Volume, IReadOnlyList<InventoryVm> Vms)> VolumesWithVmFiles(HostInventory inventory) =>
        inventory.Vms
            .SelectMany(vm => Locations(inventory, vm).Select(WindowsPaths.Volume).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Select(volume => (volume, vm)))
            .GroupBy(x => x.volume, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, (IReadOnlyList<InventoryVm>)g.Select(x => x.vm).ToList()));

    /// <summary>The listed volume with this drive letter ("D:"); null for a volume without one, a share, or one not listed.</summary>
    public static InventoryVolume? LetteredVolume(HostInventory inventory, string volume) =>
        volume is [var letter, ':'] ? inventory.Volumes.FirstOrDefault(v => v.DriveLetter == letter) : null;

    /// <summary>What Get-VHD said of a disk file; null when it could not be read.</summary>
    public static InventoryVhd? Vhd(HostInventory inventory, string path) => inventory.Vhds.FirstOrDefault(v => WindowsPaths.Same(v.Path, path));
}
