using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.PowerShell;

namespace BackupFleet.Shared.Restore;

/// <summary>
/// Restoring the whole host from recovery media over the network (KNOWLEDGE.md §1). The recovery environment reads a backup set
/// from a share only when the path to it is at most <see cref="RestorePath.MaxLength"/> characters ("Incorrect function
/// (0x80070001)" otherwise), so the set is first copied to the shortest path the share allows.
/// </summary>
public static class BareMetalRestore
{
    public static RestoreProcedure Procedure(string vhdxPath, string driveLetter, string computerName) => new(
        RestoreKind.BareMetal,
        $"The whole host {computerName} (bare metal), from recovery media",
        TooLong(vhdxPath, computerName) is { } advice ? [new(advice)] : Steps(vhdxPath, driveLetter, computerName));

    /// <summary>
    /// From the target to a restored host: the copy of the backup set to the shortest path on the share (out of the VHDX, which
    /// is mounted for it, or out of the share folder WSB writes to), then the steps in the recovery environment.
    /// </summary>
    /// <param name="driveLetter">The letter of the VHDX's volume once mounted; unused for a share folder.</param>
    public static IReadOnlyList<RestoreStep> Steps(string targetPath, string driveLetter, string computerName)
    {
        var shortest = Shortest(targetPath, computerName);
        IReadOnlyList<RestoreStep> copy;
        if (targetPath.EndsWith(".vhdx", StringComparison.OrdinalIgnoreCase))
            copy =
            [
                BackupDisk.Mount(targetPath, driveLetter),
                // WSB keeps a local disk's older versions as shadow copies of its volume: the files are the newest backup only.
                Copy(RestorePath.SetFolder(driveLetter, computerName), shortest,
                    " The copy holds the newest backup on the disk; the older versions stay inside the disk."),
                BackupDisk.Dismount(targetPath),
            ];
        else if (RestorePath.SetFolder(targetPath, computerName) is var folder && !WindowsPaths.Same(folder, shortest))
            copy = [Copy(folder, shortest)];
        else
            copy = []; // WSB already writes the set at the root of the share
        return [.. copy, .. RecoveryEnvironment(shortest, computerName)];
    }

    /// <summary>What to do when even the shortest path on the target's share is too long; null when it is short enough.</summary>
    public static string? TooLong(string targetPath, string computerName)
    {
        var shortest = Shortest(targetPath, computerName);
        if (shortest.Length <= RestorePath.MaxLength)
            return null;
        var server = UncPaths.Server(shortest)!;
        var shareName = UncPaths.ShareRoot(shortest)![(server.Length + 3)..];
        var roomForShare = RestorePath.MaxLength - (shortest.Length - shareName.Length);
        var what = roomForShare >= 1
            ? $"Make a share on {server} whose name has at most {roomForShare} characters, copy the backup set to WindowsImageBackup\\{computerName} "
              + "in it and restore from that share."
            : $"Even a one-letter share name is too long with the server name '{server}': type the NAS's IP address or a shorter name for it instead.";
        return $"Even the shortest path on this share, {shortest}, is {shortest.Length} characters; the recovery environment reads a "
            + $"backup set from the network only when the path to it is at most {RestorePath.MaxLength}. {what}";
    }

    private static RestoreStep Copy(string from, string to, string note = "") => new(
        $"Copy the host's backup set to {to} ({to.Length} characters, at most {RestorePath.MaxLength}). The share needs as much free space as the backup takes.{note}",
        $"robocopy {PowerShellLiteral.Quote(from)} {PowerShellLiteral.Quote(to)} /E /R:2 /W:5");

    // Worded to fit Windows Server 2012 R2 to 2022, whose recovery menus differ a little.
    private static IReadOnlyList<RestoreStep> RecoveryEnvironment(string setFolder, string computerName)
    {
        var share = UncPaths.ShareRoot(setFolder);
        return
        [
            new("Start the host from Windows Server installation media of the same version (or its recovery partition) and choose Repair your computer."),
            new("Choose Troubleshoot, then System Image Recovery (on some versions under Advanced options)."),
            new("When the wizard offers a local image or none, choose Select a system image, then Advanced…, then Search for a system image on the network, and agree to connect to the network."),
            new($"Type the network folder {share} (the wizard then reads {setFolder}, {setFolder.Length} characters) and an account that can read "
                + $"the share, as <domain or NAS>\\<user>. If the name {UncPaths.Server(setFolder)} does not resolve there, type the NAS's IP address "
                + $"instead, as long as the path stays within {RestorePath.MaxLength} characters."),
            new($"Choose the image of {computerName} and the backup to restore, then follow the wizard to the end. It erases the disks it restores to."),
        ];
    }

    private static string Shortest(string targetPath, string computerName) =>
        RestorePath.Shortest(targetPath, computerName) ?? throw new ArgumentException($"'{targetPath}' is not on a share (\\\\server\\share\\…).", nameof(targetPath));
}
