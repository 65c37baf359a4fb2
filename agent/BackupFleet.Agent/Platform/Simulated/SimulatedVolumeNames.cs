using System.Globalization;
using BackupFleet.Shared.Inventory;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>
/// The volumes a backup covers, named the way wbadmin prints them ("Windows(C:)", "SYSTEM(EFI System Partition) (100.00 MB)"),
/// and the data they hold, which a simulated backup copies in full every time.
/// </summary>
internal static class SimulatedVolumeNames
{
    private const long DefaultEspBytes = 100L * 1024 * 1024;

    public static IReadOnlyList<string> For(SimulatedBackupRequest request, HostInventory inventory)
    {
        var names = Letters(request).Select(l => Lettered(l, inventory)).ToList();
        if (Critical(request))
            names.Insert(0, Esp(inventory));
        return names;
    }

    /// <summary>The used bytes (size less free space) of the volumes <see cref="For"/> names, as the inventory gives them.</summary>
    public static long UsedBytes(SimulatedBackupRequest request, HostInventory inventory)
    {
        var volumes = Letters(request).Select(l => inventory.Volumes.FirstOrDefault(v => v.DriveLetter == l)).ToList();
        if (Critical(request))
            volumes.Add(EspVolume(inventory));
        return volumes.Sum(v => v is null ? 0 : Math.Max(0, v.Size - v.SizeRemaining));
    }

    // Critical volumes (and those holding the system state) of a UEFI host: its EFI System Partition and the system volume C:.
    private static bool Critical(SimulatedBackupRequest request) => request.AllCritical || request.SystemState;

    private static IEnumerable<char> Letters(SimulatedBackupRequest request) =>
        (Critical(request) ? new[] { 'C' } : []).Concat(request.Include.Select(v => v[0])).Distinct();

    private static string Lettered(char letter, HostInventory inventory) =>
        $"{inventory.Volumes.FirstOrDefault(v => v.DriveLetter == letter)?.FileSystemLabel}({letter}:)";

    private static string Esp(HostInventory inventory)
    {
        var esp = EspVolume(inventory);
        var label = string.IsNullOrWhiteSpace(esp?.FileSystemLabel) ? "SYSTEM" : esp.FileSystemLabel;
        var megabytes = (esp?.Size ?? DefaultEspBytes) / (1024.0 * 1024.0);
        return $"{label}(EFI System Partition) ({megabytes.ToString("0.00", CultureInfo.InvariantCulture)} MB)";
    }

    private static InventoryVolume? EspVolume(HostInventory inventory) =>
        inventory.Volumes.FirstOrDefault(v => v.DriveLetter is null && v.FileSystem.Equals("FAT32", StringComparison.OrdinalIgnoreCase));
}
