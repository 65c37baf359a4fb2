using System.Buffers.Binary;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.PowerShell;
using static BackupFleet.Shared.PowerShell.PowerShellLiteral;

namespace BackupFleet.Shared.Checks;

/// <summary>What each VM disk is: its permissions (KNOWLEDGE.md §3, cause 2) and the kinds a host backup misses or trips on (§4).</summary>
internal static class VmDiskRules
{
    private const string VirtualMachinesGroup = @"NT VIRTUAL MACHINE\Virtual Machines";

    // The same group as Get-Acl shows it when it cannot turn the SID into a name.
    private const string VirtualMachinesGroupSid = "S-1-5-83-0";

    public static IEnumerable<Finding> Check(HostInventory inventory)
    {
        foreach (var vm in inventory.Vms)
        {
            var passThrough = HostFiles.Drives(inventory, vm).Where(d => d.DiskNumber is not null).ToList();
            if (passThrough.Count > 0)
                yield return PassThrough(vm, passThrough);
            var disks = HostFiles.DiskFiles(inventory, vm);
            var vhdSets = disks
                .Where(d => WindowsPaths.HasExtension(d.Path, ".vhds") || HostFiles.Vhd(inventory, d.Path)?.VhdFormat == VhdFormat.VHDSet)
                .Select(d => d.Path).ToList();
            if (vhdSets.Count > 0)
                yield return VhdSet(vm, vhdSets);
            foreach (var disk in disks)
            {
                var vhd = HostFiles.Vhd(inventory, disk.Path);
                if (vhd?.Access is { } access && !GrantsVm(access, vm))
                    yield return AclMissing(vm, disk.Path);
                // Hyper-V names every checkpoint's disk .avhdx (.avhd for VHD); a differencing .vhdx with a parent is made on purpose.
                if (WindowsPaths.HasExtension(disk.Path, ".avhdx") || WindowsPaths.HasExtension(disk.Path, ".avhd"))
                    yield return LeftoverCheckpoint(vm, disk.Path, vhd?.ParentPath);
            }
        }
    }

    /// <summary>The group, or the VM's own account that Hyper-V grants each disk it attaches, by name or by SID.</summary>
    private static bool GrantsVm(IReadOnlyList<string> access, InventoryVm vm)
    {
        string[] accepted = [VirtualMachinesGroup, VirtualMachinesGroupSid, $@"NT VIRTUAL MACHINE\{vm.Id}", VmSid(vm.Id)];
        return access.Any(identity => accepted.Contains(identity.Trim(), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>S-1-5-83-1- and the VM id's 16 bytes as four little-endian 32-bit numbers: how Hyper-V builds a VM's SID.</summary>
    private static string VmSid(Guid id)
    {
        var bytes = id.ToByteArray();
        return "S-1-5-83-1-" + string.Join('-', Enumerable.Range(0, 4).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i))));
    }

    private static Finding AclMissing(InventoryVm vm, string disk) =>
        new(CheckIds.VhdAclMissing, FindingSeverity.Error, disk,
            $"The permissions of {disk}, a disk of VM '{vm.Name}', grant neither {VirtualMachinesGroup} nor the VM's own account "
            + $@"(NT VIRTUAL MACHINE\{vm.Id.ToString().ToUpperInvariant()}). Hyper-V's backup checkpoint of the VM can then fail and the backup skip the VM.",
            $"icacls {Quote(disk)} /grant {Quote(VirtualMachinesGroup + ":F")}");

    private static Finding PassThrough(InventoryVm vm, IReadOnlyList<InventoryVmHardDiskDrive> drives)
    {
        var listed = string.Join(" and ", drives.Select(d => $"{d.DiskNumber} ({Slot(d)})"));
        var fix = new List<string>
        {
            FixText.Note("Back the data up from inside the VM, or, with the VM off, copy each physical disk into a VHDX and attach that in its place:"),
        };
        foreach (var d in drives)
        {
            var vhdx = WindowsPaths.Combine(vm.ConfigurationLocation, $"{vm.Name}-disk{d.DiskNumber}.vhdx");
            var slot = $"-ControllerType {d.ControllerType} -ControllerNumber {d.ControllerNumber} -ControllerLocation {d.ControllerLocation}";
            fix.Add($"New-VHD -Path {Quote(vhdx)} -SourceDisk {d.DiskNumber} -Dynamic");
            fix.Add($"Remove-VMHardDiskDrive -VMName {Quote(vm.Name)} {slot}");
            fix.Add($"Add-VMHardDiskDrive -VMName {Quote(vm.Name)} {slot} -Path {Quote(vhdx)}");
        }
        return new Finding(CheckIds.VmPassThroughDisk, FindingSeverity.Warning, vm.Name,
            $"VM '{vm.Name}' has physical disk{(drives.Count > 1 ? "s" : "")} {listed} attached directly (pass-through). A backup through "
            + "Hyper-V's checkpoints leaves such disks out and still reports the VM as backed up.",
            FixText.Lines(fix));
    }

    private static string Slot(InventoryVmHardDiskDrive d) => $"{d.ControllerType} {d.ControllerNumber}:{d.ControllerLocation}";

    private static Finding LeftoverCheckpoint(InventoryVm vm, string disk, string? parent) =>
        new(CheckIds.VmLeftoverCheckpoint, FindingSeverity.Warning, disk,
            $"VM '{vm.Name}' runs on the checkpoint disk {disk}{(parent is null ? "" : $" (parent {parent})")}, possibly left behind by a "
            + "failed backup checkpoint. It grows with every write and slows the next backups until it is merged.",
            FixText.Lines(
                FixText.Note($"Deleting a checkpoint merges it into the disk; keep the ones you need. If none is listed, the file was left by a failed backup: merge it with the VM off, Merge-VHD -Path {Quote(disk)}"),
                $"Get-VMSnapshot -VMName {Quote(vm.Name)} | Remove-VMSnapshot -Confirm"));

    private static Finding VhdSet(InventoryVm vm, IReadOnlyList<string> disks) =>
        new(CheckIds.VmVhdSet, FindingSeverity.Warning, vm.Name,
            $"VM '{vm.Name}' uses the VHD Set{(disks.Count > 1 ? "s" : "")} {string.Join(" and ", disks)}, shared by a guest cluster. Production checkpoints of such VMs fail on some "
            + "Windows builds with errors 32768, 32770 or 32775, and the host's backup then skips the VM.",
            FixText.Note("Back up the guest cluster's shared data from inside the guests, and keep the host on its latest cumulative update."));
}
