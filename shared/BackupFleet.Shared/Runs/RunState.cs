namespace BackupFleet.Shared.Runs;

public enum RunState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    /// <summary>The host did not take the run within its policy's start window.</summary>
    Missed,
    Cancelled,
}

public static class RunStates
{
    public static bool IsFinal(this RunState state) => state is not (RunState.Queued or RunState.Running);
}
