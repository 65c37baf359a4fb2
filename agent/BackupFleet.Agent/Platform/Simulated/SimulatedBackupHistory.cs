using System.Globalization;
using System.Text.RegularExpressions;
using BackupFleet.Agent.Wbadmin;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>
/// What the simulated backups leave behind: the versions on each target VHDX (printed as <c>wbadmin get versions</c> does,
/// windows-outputs.md §2) and the Microsoft-Windows-Backup events a real host would log (§4).
/// </summary>
internal sealed partial class SimulatedBackupHistory
{
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");
    private readonly object _gate = new();
    private readonly Dictionary<string, List<string[]>> _versions = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<WindowsBackupEvent> _events = [];

    // The wbadmin failure line without its lead-in and trailing code: the "({text})" of event 5.
    [GeneratedRegex(@"^(Detailed error:\s*)?(?<text>.*?)\s*(\(0x[0-9A-Fa-f]{8}\))?\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex FailureText();

    // Event 1 and 14 texts are composed from their meaning in §4; 4's is quoted there, 5's up to "Please review the event details...".
    public void Started(DateTimeOffset at) => Add(1, "Information", at, "The backup operation has started.", null);

    /// <param name="bytes">What the backup wrote, carried by event 4 as a real one carries it in its VolumesInfo.</param>
    public void Succeeded(DateTimeOffset at, long bytes)
    {
        Add(14, "Information", at, "The backup operation has completed.", null);
        Add(4, "Information", at, "The backup operation has finished successfully.", null, bytes);
    }

    public void Failed(DateTimeOffset startedAt, DateTimeOffset at, WbadminResult result)
    {
        var code = result.ErrorCode ?? "0x80004005"; // E_FAIL when the scenario's output names no code
        var text = FailureText().Match(result.ErrorMessage ?? "").Groups["text"].Value;
        var started = startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.f'Z'", CultureInfo.InvariantCulture);
        Add(14, "Information", at, "The backup operation has completed.", null);
        Add(5, "Error", at, $"The backup operation that started at '{started}' has failed with following error code '{code}' ({text}). "
            + "Please review the event details for a solution, and then rerun the backup operation once the issue is resolved.", code);
    }

    /// <summary>A successful backup's version on <paramref name="vhdxPath"/>; one per minute, as the identifier has minutes only.</summary>
    /// <param name="hasVms">The host runs Hyper-V VMs, which WSB then lists as recoverable (windows-outputs.md §2).</param>
    public void AddVersion(string vhdxPath, string target, DateTimeOffset at, SimulatedBackupRequest request, bool hasVms)
    {
        var identifier = at.UtcDateTime.ToString("MM/dd/yyyy-HH:mm", CultureInfo.InvariantCulture);
        var recover = new List<string> { "Volume(s)", "File(s)", "Application(s)" };
        if (hasVms)
            recover.Add("Virtual Machine(s)");
        if (request.AllCritical)
            recover.Add("Bare Metal Recovery");
        if (request.SystemState)
            recover.Add("System State");
        string[] record =
        [
            $"Backup time: {at.ToLocalTime().ToString("M/d/yyyy h:mm tt", EnUs)}",
            $"Backup target: Fixed Disk labeled {target}",
            $"Version identifier: {identifier}",
            $"Can recover: {string.Join(", ", recover)}",
            $"Snapshot ID: {{{Guid.NewGuid()}}}",
        ];
        lock (_gate)
        {
            if (!_versions.TryGetValue(vhdxPath, out var list))
                _versions[vhdxPath] = list = [];
            list.RemoveAll(r => r[2] == record[2]);
            list.Add(record);
        }
    }

    /// <summary>The versions on <paramref name="vhdxPath"/> as wbadmin prints them: records separated by a blank line.</summary>
    public IReadOnlyList<string> VersionLines(string vhdxPath)
    {
        lock (_gate)
            return _versions.TryGetValue(vhdxPath, out var list) ? list.SelectMany(r => r.Append("")).ToList() : [];
    }

    public IReadOnlyList<WindowsBackupEvent> Events(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
            return _events.Where(e => e.TimeCreated >= from && e.TimeCreated <= to).ToList();
    }

    private void Add(int id, string level, DateTimeOffset at, string message, string? code, long? bytes = null)
    {
        lock (_gate)
            _events.Add(new WindowsBackupEvent(id, level, at, message, code, bytes));
    }
}
