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
    /// <summary>The agent came back without the run (restarted, killed, lost it): its result is unknown, so it is not a success.</summary>
    Interrupted,
}

public static class RunStates
{
    public static bool IsFinal(this RunState state) => state is not (RunState.Queued or RunState.Running);
}
