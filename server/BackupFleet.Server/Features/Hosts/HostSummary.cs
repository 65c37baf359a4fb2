using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Hosts;

public enum HostStatus { Online, Offline }

public sealed record LastRunInfo(Guid Id, RunState State, RunTrigger Trigger, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? ErrorCode);

/// <param name="Simulated">True when the host is played by a scenario, not a real Windows machine.</param>
public sealed record HostSummary(
    Guid Id,
    string Name,
    HostStatus Status,
    bool Simulated,
    string? ScenarioName,
    string? AgentVersion,
    string? OsDescription,
    DateTimeOffset? LastSeenAt,
    bool HasPolicy,
    LastRunInfo? LastRun,
    DateTimeOffset? NextRunAt,
    AgentNotice? AgentNotice = null,
    int OpenProblems = 0,
    DateTimeOffset? InventoryCapturedAt = null);

/// <summary>Something the agent did on its own and reported, e.g. dismounting a VHDX a crashed run left attached.</summary>
public sealed record AgentNotice(string Message, DateTimeOffset At);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <param name="FailedOrMissed">Hosts whose last finished run failed, was missed, interrupted or partial.</param>
public sealed record FleetSummary(int Total, int Online, int FailedOrMissed, int Running);
