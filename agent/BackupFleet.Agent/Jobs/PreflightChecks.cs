using BackupFleet.Shared.Paths;
using BackupFleet.Shared.Inventory;
using BackupFleet.Agent.Wbadmin;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Jobs;

/// <summary>Checks a run can work on this host before anything is mounted. Pure: spec and inventory in, problems out.</summary>
public static class PreflightChecks
{
    public static IReadOnlyList<string> Check(BackupSpec spec, HostInventory inventory)
    {
        var problems = new List<string>();
        var path = spec.TargetVhdxPath ?? "";
        // KNOWLEDGE.md §2: the target is a VHDX kept on an SMB share and mounted for each run, so WSB can do incrementals.
        if (!UncPaths.IsFilePath(path))
            problems.Add($"The target '{path}' is not a UNC path to a file on a share, such as \\\\nas01\\backups\\{inventory.ComputerName}.vhdx.");
        // KNOWLEDGE.md §2: VHDX survives a cable pull or power cut over SMB; VHD does not.
        else if (!path.EndsWith(".vhdx", StringComparison.OrdinalIgnoreCase))
            problems.Add($"The target '{path}' is not a .vhdx file: only VHDX survives a lost connection or power cut on a share.");

        if (!DriveLetters.TryNormalise(spec.TargetDriveLetter, out var target))
            problems.Add($"The target drive letter '{spec.TargetDriveLetter}' is not a drive letter such as \"B:\".");
        // A letter the host already uses cannot go to the backup volume; wbadmin would then write to the host's own volume.
        else if (inventory.Volumes.FirstOrDefault(v => v.DriveLetter == target[0]) is { } taken)
            problems.Add($"{target} is already used by this host's volume '{taken.FileSystemLabel}' ({taken.FileSystem}); "
                + "the backup VHDX's volume cannot take that letter. Give the policy a free drive letter.");

        if (!spec.AllCritical && !spec.SystemState && spec.IncludeVolumes.Count == 0)
            problems.Add("Nothing to back up: the policy asks for neither critical volumes, nor the system state, nor any volume.");
        foreach (var volume in spec.IncludeVolumes)
        {
            if (!DriveLetters.TryNormalise(volume, out var letter))
                problems.Add($"The included volume '{volume}' is not a drive letter such as \"C:\".");
            else if (letter == target)
                problems.Add($"{letter} is where the backup target is mounted; it cannot also be backed up.");
            // wbadmin stops with an error on a volume that does not exist; say so before mounting anything.
            else if (inventory.Volumes.All(v => v.DriveLetter != letter[0]))
                problems.Add($"The included volume {letter} does not exist on this host.");
        }
        return problems;
    }
}
