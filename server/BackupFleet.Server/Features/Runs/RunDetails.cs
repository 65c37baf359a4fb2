using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Runs;

public sealed record RunEventView(int Sequence, DateTimeOffset At, RunEventKind Kind, BackupStep? Step, string? Message, double? Percent);

/// <param name="BytesTransferred">What Windows Server Backup reported writing to the target; null when it did not say.</param>
public sealed record RunView(
    Guid Id,
    Guid HostId,
    string HostName,
    RunState State,
    RunTrigger Trigger,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    BackupStep? CurrentStep,
    double? ProgressPercent,
    string? ErrorCode,
    string? ErrorMessage,
    BackupSpec Spec,
    long? BytesTransferred = null);

/// <summary>A run with its events in sequence order; <paramref name="MoreEvents"/> says another page follows.</summary>
/// <param name="Error">The run's error decoded by the knowledge base; null when it ended without an error code.</param>
/// <param name="Simulated">The host's agent plays <paramref name="ScenarioName"/>: no real Windows backup ran.</param>
/// <param name="WaitingFor">For a queued run, what holds it back (agent offline, another backup, its NAS's limit); otherwise null.</param>
/// <param name="EventsKept">What retention has left of the events: All, NoProgress (progress lines removed) or None.</param>
public sealed record RunDetails(RunView Run, IReadOnlyList<RunEventView> Events, bool MoreEvents, RunErrorView? Error, bool Simulated, string? ScenarioName,
    string? WaitingFor, Data.EventRetention EventsKept = Data.EventRetention.All);

public sealed record RunAccepted(Guid Id, RunState State);
