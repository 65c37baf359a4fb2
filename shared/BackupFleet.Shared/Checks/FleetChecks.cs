using BackupFleet.Shared.Paths;

namespace BackupFleet.Shared.Checks;

/// <summary>The fleet rules: pure functions over what the server knows of every host, run whenever that changes.</summary>
public static class FleetChecks
{
    /// <summary>Every host's findings, worst first (<see cref="Finding.Order"/>), then by host name.</summary>
    public static IReadOnlyList<FleetFinding> Run(IReadOnlyList<FleetHostFacts> hosts, DateTimeOffset now)
    {
        // Hosts by target, compared as WindowsPaths.Same compares: one pass, not every host against every other.
        var byTarget = hosts.Where(h => h.TargetPath is not null).ToLookup(h => WindowsPaths.Key(h.TargetPath)!, StringComparer.OrdinalIgnoreCase);
        return hosts.SelectMany(host => TargetShared(host, byTarget).Concat(ScheduleRules.Check(host, now)).Select(finding => (host, finding)))
            .OrderBy(x => x.finding, Finding.Order)
            .ThenBy(x => x.host.HostName, StringComparer.Ordinal)
            .ThenBy(x => x.host.HostId)
            .Select(x => new FleetFinding(x.host.HostId, x.finding))
            .ToList();
    }

    /// <summary>KNOWLEDGE.md §2: one VHDX per host. A share folder may serve many: WSB writes each host under its own name there.</summary>
    private static IEnumerable<Finding> TargetShared(FleetHostFacts host, ILookup<string, FleetHostFacts> byTarget)
    {
        if (host.TargetPath is not { } path || !(WindowsPaths.HasExtension(path, ".vhdx") || WindowsPaths.HasExtension(path, ".vhd")))
            yield break;
        var others = byTarget[WindowsPaths.Key(path)!].Where(h => h.HostId != host.HostId).Select(h => h.HostName).ToList();
        if (others.Count == 0)
            yield break;
        var own = WindowsPaths.Combine(WindowsPaths.Parent(path), host.HostName + ".vhdx");
        yield return new Finding(CheckIds.TargetSharedByHosts, FindingSeverity.Error, path,
            $"{host.HostName} backs up to {path}, which {FindingText.Names(others)} also back{(others.Count == 1 ? "s" : "")} up to. A VHDX holds "
            + "one host's backups: hosts that mount and write the same one overwrite each other's versions.",
            WindowsPaths.Same(own, path)
                ? FixText.Note($"{host.HostName} keeps {path}, which is named after it; give {FindingText.Names(others)} a VHDX of their own.")
                : FixText.Lines(
                    FixText.Note($"On {host.HostName}: creates a VHDX of its own beside the shared one; point its policy at it."),
                    FixText.ProvisionTarget(own, FixText.DefaultTargetSize)));
    }
}
