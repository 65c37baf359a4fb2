using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Paths;

namespace BackupFleet.Shared.Restore;

/// <summary>
/// The exact commands for the restores a person would do from one backup version: files, a volume, the system state, a VM, the
/// whole host. Pure: the version, the policy's target and the host's inventory in, a plan out. wbadmin syntax: MS Learn,
/// "wbadmin start recovery" and "wbadmin start systemstaterecovery" (-itemType:HyperV is Windows Server 2012 and later).
/// </summary>
public static class RestorePlanner
{
    // What `wbadmin get versions` lists under "Can recover" (windows-outputs.md §2); only the kinds listed are planned.
    private const string Files = "File(s)";
    private const string Volumes = "Volume(s)";
    private const string SystemState = "System State";
    private const string VirtualMachines = "Virtual Machine(s)";
    private const string BareMetal = "Bare Metal Recovery";

    /// <param name="targetVhdxPath">The policy's backup VHDX on the share.</param>
    /// <param name="targetDriveLetter">The letter its volume gets when mounted, e.g. "B:".</param>
    /// <exception cref="ArgumentException">The target is not a UNC path to a file on a share.</exception>
    public static RestorePlan Plan(BackupVersionDto version, string computerName, string targetVhdxPath, string targetDriveLetter, HostInventory inventory)
    {
        if (!UncPaths.IsFilePath(targetVhdxPath))
            throw new ArgumentException($"'{targetVhdxPath}' is not a UNC path to a file on a share.", nameof(targetVhdxPath));
        var source = new Source(
            WbadminArgument.Of("version", version.VersionIdentifier) ?? throw new ArgumentException($"'{version.VersionIdentifier}' is not a version identifier.", nameof(version)),
            WbadminArgument.Of("machine", computerName) ?? throw new ArgumentException($"'{computerName}' is not a computer name.", nameof(computerName)),
            targetVhdxPath, DriveLetters.Normalise(targetDriveLetter));
        bool Lists(string kind) => version.CanRecover.Any(c => c.Equals(kind, StringComparison.OrdinalIgnoreCase));

        var procedures = new List<RestoreProcedure>();
        if (Lists(Files))
            procedures.Add(source.Procedure(RestoreKind.Files, "Files and folders",
                new("Replace <path> with the files or folders to restore (comma-separated, all under one parent folder) and <folder> with an "
                    + "empty folder to restore them into.",
                    $"wbadmin start recovery {source.Version} -itemType:File -items:<path> -recoveryTarget:<folder> -recursive {source.Location}")));
        if (Lists(Volumes))
            foreach (var volume in inventory.Volumes.Where(v => v.DriveLetter is { } l && $"{l}:" != source.DriveLetter))
                procedures.Add(VolumeRecovery(source, $"{volume.DriveLetter}:", volume.FileSystemLabel));
        if (Lists(SystemState))
            procedures.Add(source.Procedure(RestoreKind.SystemState, "System state",
                new("Restore the system state; Windows must restart to finish (on a domain controller, start in Directory Services Restore "
                    + "Mode first). After the restart, wbadmin start systemstaterecovery -showsummary reports the result.",
                    $"wbadmin start systemstaterecovery {source.Version} {source.Location}")));
        if (Lists(VirtualMachines))
            procedures.AddRange(inventory.Vms.Select(vm => VmRecovery(source, vm.Name)));
        if (Lists(BareMetal))
            procedures.Add(BareMetalRestore.Procedure(targetVhdxPath, source.DriveLetter, computerName));

        var listItems = new RestoreStep("List what this version holds (with the backup disk attached).",
            $"wbadmin get items {source.Version} {source.Location}");
        return new RestorePlan(version.VersionIdentifier, listItems, procedures);
    }

    private static RestoreProcedure VolumeRecovery(Source source, string letter, string? label) =>
        source.Procedure(RestoreKind.Volume, $"Volume {letter}{(string.IsNullOrEmpty(label) ? "" : $" ({label})")}",
            new($"Restore volume {letter} in place: everything on it now is replaced. The volume Windows runs from cannot be restored "
                + "this way; restore the whole host instead.",
                $"wbadmin start recovery {source.Version} -itemType:Volume -items:{letter} {source.Location}"));

    private static RestoreProcedure VmRecovery(Source source, string vmName)
    {
        var title = $"VM '{vmName}'";
        return WbadminArgument.Of("items", vmName) is { } items
            ? source.Procedure(RestoreKind.VirtualMachine, title,
                new($"Restore VM '{vmName}' to where it was: the VM of that name on this host is replaced (turn it off first).",
                    $"wbadmin start recovery {source.Version} -itemType:HyperV {items} {source.Location}"))
            : new(RestoreKind.VirtualMachine, title,
            [
                new($"The name '{vmName}' holds a comma or a double quote, which no wbadmin command line can carry. Restore it with Windows "
                    + "Server Backup's Recovery Wizard (wbadmin.msc → Recover…), choosing this backup, Hyper-V and the VM."),
            ]);
    }

    /// <summary>The version and where its backup is, which every wbadmin restore command names the same way.</summary>
    /// <param name="Version">The -version argument.</param>
    /// <param name="Machine">The -machine argument: the host the backup is of, required with -backupTarget.</param>
    private sealed record Source(string Version, string Machine, string VhdxPath, string DriveLetter)
    {
        public string Location => $"-backupTarget:{DriveLetter} {Machine}";

        public RestoreProcedure Procedure(RestoreKind kind, string title, RestoreStep restore) =>
            new(kind, title, [BackupDisk.Mount(VhdxPath, DriveLetter), restore, BackupDisk.Dismount(VhdxPath)]);
    }
}
