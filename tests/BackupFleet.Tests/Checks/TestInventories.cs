using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Inventory;

namespace BackupFleet.Tests.Checks;

/// <summary>The inventory files in Inventories/ (copied beside the tests), read as the agent reads them, and what to ask of findings.</summary>
internal static class TestInventories
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Checks", "Inventories", fileName);

    public static HostInventory Load(string fileName)
    {
        var path = PathOf(fileName);
        return InventoryReader.Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<Finding> Findings(string fileName) => HostChecks.Run(Load(fileName));

    public static IReadOnlyList<Finding> Of(this IReadOnlyList<Finding> findings, string check) => findings.Where(f => f.Check == check).ToList();

    /// <summary>The fix's commands: its lines without the # notes.</summary>
    public static IReadOnlyList<string> Commands(this Finding finding) => finding.Fix.Split('\n').Where(l => !l.StartsWith('#')).ToList();

    /// <summary>The same disk file at another path, in the VM's drive and in Get-VHD's answer alike.</summary>
    public static HostInventory WithDiskMoved(this HostInventory inventory, string from, string to) => inventory with
    {
        VmHardDiskDrives = inventory.VmHardDiskDrives.Select(d => d.Path == from ? d with { Path = to } : d).ToList(),
        Vhds = inventory.Vhds.Select(v => v.Path == from ? v with { Path = to } : v).ToList(),
    };

    public static HostInventory WithTarget(this HostInventory inventory, Func<InventoryBackupTarget, InventoryBackupTarget> change) =>
        inventory with { BackupTarget = change(inventory.BackupTarget) };
}
