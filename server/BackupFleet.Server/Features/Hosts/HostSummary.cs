using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Hosts;

public enum HostStatus { Online, Offline }

/// <summary>
/// How a host stands, worst first when sorted descending; each host is in exactly one, the first that applies:
/// Failed (its last result was Failed, Missed or Interrupted: the newest run that came to a result, cancelled runs aside),
/// Offline (its agent is not connected), Warning (its last result was Partial, or it has an open error or warning finding,
/// which includes rpo-breached), Ok (the rest). The database works it out with each host's row (hosts.health, migration
/// HostHealthStored), from these values: a value's number ranks it, so a host's health is the greatest that applies.
/// </summary>
public enum HostHealth { Ok, Warning, Offline, Failed }

public sealed record LastRunInfo(Guid Id, RunState State, RunTrigger Trigger, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? ErrorCode);

/// <param name="Simulated">True when the host is played by a scenario, not a real Windows machine.</param>
/// <param name="Health">How it stands (<see cref="HostHealth"/>); Status says only whether its agent is connected.</param>
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
    HostHealth Health,
    IReadOnlyList<string> Tags,
    AgentNotice? AgentNotice = null,
    int OpenProblems = 0,
    DateTimeOffset? InventoryCapturedAt = null);

/// <summary>Something the agent did on its own and reported, e.g. dismounting a VHDX a crashed run left attached.</summary>
public sealed record AgentNotice(string Message, DateTimeOffset At);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>The counts at the top of the fleet page: hosts by <see cref="HostHealth"/>, and how well the fleet is protected.</summary>
/// <param name="BackupsLast24Hours">Runs that ended Succeeded in the last 24 hours.</param>
/// <param name="WithRpo">Hosts with an enabled policy, which gives them an RPO.</param>
/// <param name="WithinRpo">Those of them without an open rpo-breached finding.</param>
public sealed record FleetSummary(int Total, int Ok, int Warning, int Failed, int Offline, int BackupsLast24Hours, int WithRpo, int WithinRpo);
