using BackupFleet.Shared.Paths;
using BackupFleet.Agent.Wbadmin;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Jobs;

/// <summary>
/// Turns wbadmin's per-volume percentages into one 0–100 figure for the whole run, each volume weighing the same.
/// wbadmin does not say up front how many volumes it will copy, so the count is estimated from the spec and grows when
/// more show up; the figure never goes backwards, and the same figure is reported only once.
/// </summary>
internal sealed class OverallProgress(int expectedVolumes)
{
    private readonly Dictionary<string, int> _volumes = new(StringComparer.Ordinal);
    private int _reported = -1;

    /// <summary>Critical volumes of a UEFI host are its EFI System Partition and C:; a BIOS host's System Reserved counts the same.</summary>
    public static int ExpectedVolumes(BackupSpec spec)
    {
        var letters = spec.IncludeVolumes.Select(v => DriveLetters.TryNormalise(v, out var n) ? n : v).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var critical = spec.AllCritical || spec.SystemState;
        if (critical)
            letters.Add("C:");
        return Math.Max(1, letters.Count + (critical ? 1 : 0));
    }

    /// <summary>The new overall percentage, or null when it has not changed since the last report.</summary>
    public int? Update(string volume, int percent)
    {
        _volumes[volume] = Math.Max(percent, _volumes.GetValueOrDefault(volume));
        var overall = _volumes.Values.Sum() / Math.Max(expectedVolumes, _volumes.Count);
        return Report(Math.Min(overall, 100));
    }

    /// <summary>100 once wbadmin has confirmed success, if not reported yet.</summary>
    public int? Complete() => Report(100);

    private int? Report(int overall)
    {
        if (overall <= _reported)
            return null;
        _reported = overall;
        return overall;
    }
}
