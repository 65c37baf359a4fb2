namespace BackupFleet.Shared.Runs;

public enum RunEventKind
{
    StepStarted,
    StepSucceeded,
    StepFailed,
    Progress,
    Log,
}
