using System.Globalization;
using BackupFleet.Shared.Inventory;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>The volumes a backup covers, named the way wbadmin prints them ("Windows(C:)", "SYSTEM(EFI System Partition) (100.00 MB)").</summary>
internal static class SimulatedVolumeNames
{
    private const long DefaultEspBytes = 100L * 1024 * 1024;

    public static IReadOnlyList<string> For(SimulatedBackupRequest request, HostInventory inventory)
    {
        var names = new List<string>();
        var letters = new List<char>();
        // Critical volumes (and those holding the system state) of a UEFI host: its EFI System Partition and the system volume C:.
        if (request.AllCritical || request.SystemState)
        {
            names.Add(Esp(inventory));
            letters.Add('C');
        }
        letters.AddRange(request.Include.Select(v => v[0]));
        names.AddRange(letters.Distinct().Select(l => Lettered(l, inventory)));
        return names;
    }

    private static string Lettered(char letter, HostInventory inventory) =>
        $"{inventory.Volumes.FirstOrDefault(v => v.DriveLetter == letter)?.FileSystemLabel}({letter}:)";

    private static string Esp(HostInventory inventory)
    {
        var esp = inventory.Volumes.FirstOrDefault(v => v.DriveLetter is null && v.FileSystem.Equals("FAT32", StringComparison.OrdinalIgnoreCase));
        var label = string.IsNullOrWhiteSpace(esp?.FileSystemLabel) ? "SYSTEM" : esp.FileSystemLabel;
        var megabytes = (esp?.Size ?? DefaultEspBytes) / (1024.0 * 1024.0);
        return $"{label}(EFI System Partition) ({megabytes.ToString("0.00", CultureInfo.InvariantCulture)} MB)";
    }
}
