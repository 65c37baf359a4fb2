namespace BackupFleet.Shared.Runs;

/// <summary>One step or log line of a run. Sequence starts at 1 and has no gaps; it makes storage idempotent.</summary>
public sealed record RunEventDto(int Sequence, DateTimeOffset At, RunEventKind Kind, BackupStep? Step, string? Message, double? Percent);

public sealed record RunEventBatch(Guid RunId, IReadOnlyList<RunEventDto> Events);

/// <param name="State">Succeeded, Failed or Cancelled.</param>
/// <param name="ErrorCode">The HRESULT as 0x-prefixed hex when the failure carried one.</param>
/// <param name="BytesTransferred">What Windows Server Backup says it wrote to the target for this run (the volumes' DataTransferred in its
/// event), for the host's throughput; null when Windows did not say (or the agent predates it).</param>
public sealed record RunCompletion(Guid RunId, RunState State, DateTimeOffset FinishedAt, string? ErrorCode, string? ErrorMessage, int LastSequence,
    long? BytesTransferred = null);
