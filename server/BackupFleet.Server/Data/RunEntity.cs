using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Data;

/// <summary>How much of a run's event history is still kept (Retention): everything, all but the progress lines, or none.</summary>
public enum EventRetention { All, NoProgress, None }

public sealed class RunEntity
{
    public Guid Id { get; set; }
    public Guid HostId { get; set; }
    public RunState State { get; set; }
    public RunTrigger Trigger { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    /// <summary>After this a scheduled run that no agent took is Missed.</summary>
    public DateTimeOffset StartBy { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The policy as it was when the run was queued, so later edits do not rewrite history.</summary>
    public required string SpecJson { get; set; }
    /// <summary>The NAS the run writes to, the server of its target path in lower case: the per-NAS limit counts by it.</summary>
    public string? TargetServer { get; set; }
    public BackupStep? CurrentStep { get; set; }
    public double? ProgressPercent { get; set; }
    public int LastSequence { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    /// <summary>What Windows Server Backup reported writing to the target (RunCompletion.BytesTransferred); null when it did not say.</summary>
    public long? BytesTransferred { get; set; }
    /// <summary>What the retention job has left of the run's events; the run itself (state, times, error) is always kept.</summary>
    public EventRetention EventsKept { get; set; }
}
