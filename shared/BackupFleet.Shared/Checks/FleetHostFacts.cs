namespace BackupFleet.Shared.Checks;

/// <summary>What the server knows of one host that the fleet rules judge; the server gathers it, <see cref="FleetChecks"/> decides.</summary>
/// <param name="TargetPath">The policy's backup target (a VHDX, or a share folder) as the policy writes it; null without a policy.</param>
/// <param name="ScheduleInterval">The time between the policy's scheduled runs; null when nothing is scheduled.</param>
/// <param name="RecentDurations">How long the host's latest finished backups took, in any order.</param>
/// <param name="LastSuccessAt">When the last successful backup finished; null when there has been none.</param>
/// <param name="Rpo">How old the last successful backup may be (recovery point objective); null when no policy sets one.</param>
/// <param name="EnrolledAt">Since when the host could have been backed up (enrolled, or its policy set later); null when not known.</param>
public sealed record FleetHostFacts(
    Guid HostId,
    string HostName,
    string? TargetPath,
    TimeSpan? ScheduleInterval,
    IReadOnlyList<TimeSpan> RecentDurations,
    DateTimeOffset? LastSuccessAt,
    TimeSpan? Rpo,
    DateTimeOffset? EnrolledAt);

/// <summary>A fleet rule's finding about one host.</summary>
public sealed record FleetFinding(Guid HostId, Finding Finding);
