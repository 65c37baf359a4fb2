namespace BackupFleet.Server.Features.Policies;

/// <summary>How old a host's last successful backup may be before the rpo-breached check fires.</summary>
public static class PolicyRpo
{
    /// <summary>Without a set RPO: one late or missed run is not yet a breach, a second one is (1.5 × the longest gap).</summary>
    public const double DerivedFactor = 1.5;

    /// <summary>The RPO, or null when the policy sets none and its schedule gives no gap to derive one from.</summary>
    /// <param name="longestGap">The schedule's longest gap between runs (<see cref="PolicySchedule.Gaps"/>), if it has one.</param>
    public static TimeSpan? Effective(int? rpoHours, TimeSpan? longestGap) =>
        rpoHours is { } hours ? TimeSpan.FromHours(hours)
        : longestGap is { } gap ? TimeSpan.FromHours(Math.Ceiling(gap.TotalHours * DerivedFactor))
        : null;
}
