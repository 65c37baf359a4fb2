namespace BackupFleet.Shared.Runs;

public enum RunEventKind
{
    StepStarted,
    StepSucceeded,
    StepFailed,
    Progress,
    Log,
    /// <summary>A Microsoft-Windows-Backup event-log entry of the run's time: Windows' own words beside ours.</summary>
    WindowsEvent,
}
