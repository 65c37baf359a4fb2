using BackupFleet.Shared.Paths;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Wbadmin;

/// <summary>Builds the wbadmin arguments of one backup from its spec, in the form KNOWLEDGE.md §2 runs by hand.</summary>
public static class WbadminCommand
{
    /// <summary>
    /// e.g. <c>start backup -backupTarget:B: -allCritical -include:C: -systemState -vssFull -quiet</c>.
    /// -vssFull: nothing else on the host backs up these volumes, so WSB may tell VSS writers to truncate their logs.
    /// -quiet: without it wbadmin stops at a "Do you want to start the backup operation?" prompt.
    /// </summary>
    public static IReadOnlyList<string> Build(BackupSpec spec)
    {
        var args = new List<string> { "start", "backup", "-backupTarget:" + DriveLetters.Normalise(spec.TargetDriveLetter) };
        if (spec.AllCritical)
            args.Add("-allCritical");
        var volumes = spec.IncludeVolumes.Select(DriveLetters.Normalise).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (volumes.Count > 0)
            args.Add("-include:" + string.Join(',', volumes));
        if (spec.SystemState)
            args.Add("-systemState");
        args.Add("-vssFull");
        args.Add("-quiet");
        return args;
    }

    /// <summary><c>get versions -backupTarget:B:</c>: the backup versions on the target mounted at that letter.</summary>
    public static IReadOnlyList<string> GetVersions(string driveLetter) => ["get", "versions", "-backupTarget:" + DriveLetters.Normalise(driveLetter)];

    /// <summary>The command line as an administrator would type it, for the run's log.</summary>
    public static string Display(IReadOnlyList<string> args) => "wbadmin " + string.Join(' ', args);
}
