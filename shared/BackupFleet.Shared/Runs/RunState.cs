namespace BackupFleet.Shared.Runs;

public enum RunState
{
    Queued,
    Running,
    Succeeded,
    /// <summary>
    /// wbadmin completed but left something out, e.g. a VM the snapshot skipped (KNOWLEDGE.md §3): what is missing
    /// cannot be restored from this backup, so it is never shown as a plain success.
    /// </summary>
    Partial,
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
