namespace BackupFleet.Shared.Checks;

/// <summary>Whether a host's backups keep up with its policy: runs that fit between scheduled starts, and a recent good backup.</summary>
internal static class ScheduleRules
{
    /// <summary>KNOWLEDGE.md §2: runs that take most of the interval overrun the next start as soon as the data grows a little.</summary>
    public const double MaxWindowShare = 0.8;

    public static IEnumerable<Finding> Check(FleetHostFacts host, DateTimeOffset now)
    {
        if (WindowOverrun(host) is { } overrun)
            yield return overrun;
        if (RpoBreached(host, now) is { } breached)
            yield return breached;
    }

    private static Finding? WindowOverrun(FleetHostFacts host)
    {
        if (host.ScheduleInterval is not { Ticks: > 0 } interval || host.RecentDurations.Count == 0)
            return null;
        // The median: one slow run (the first full backup) is no trend, and one quick one does not hide one.
        var sorted = host.RecentDurations.Order().ToList();
        var typical = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        var share = typical / interval;
        if (share <= MaxWindowShare)
            return null;
        var took = sorted.Count == 1
            ? $"{host.HostName}'s last backup took {FindingText.Duration(typical)}"
            : $"{host.HostName}'s last {sorted.Count} backups took {FindingText.Duration(typical)} as a rule (the longest {FindingText.Duration(sorted[^1])})";
        return new Finding(CheckIds.BackupWindowOverrun, FindingSeverity.Warning, host.HostName,
            $"{took}: {FindingText.Percent(share)} of the {FindingText.Duration(interval)} between its scheduled runs. "
            + "A run still going when the next is due makes that one wait or fail.",
            FixText.Note("Make the runs shorter (a VHDX on the share for incrementals, a fixed VHDX, a wired 1 or 10 Gbps link, no other traffic on "
                + "the NAS during the backup) or schedule them further apart."));
    }

    private static Finding? RpoBreached(FleetHostFacts host, DateTimeOffset now)
    {
        if (host.Rpo is not { } rpo)
            return null;
        string evidence;
        if (host.LastSuccessAt is { } last)
        {
            if (now - last <= rpo)
                return null;
            // Times, not "… ago": the message is stored, and one that changed by the minute would be rewritten on every run of the rules.
            evidence = $"{host.HostName}'s last successful backup finished at {FindingText.Time(last)}";
        }
        else if (host.EnrolledAt is { } enrolled && now - enrolled > rpo)
            evidence = $"{host.HostName} has had no successful backup since {FindingText.Time(enrolled)}";
        else
            return null;
        return new Finding(CheckIds.RpoBreached, FindingSeverity.Error, host.HostName,
            $"{evidence}; its policy allows {FindingText.Duration(rpo)}. A restore now would lose more than the policy accepts.",
            FixText.Note("Start a backup from the host's page now, and read its latest runs for why the scheduled ones failed or did not run."));
    }
}
