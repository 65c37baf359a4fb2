namespace BackupFleet.Shared.Runs;

/// <summary>The steps of one backup, in the order the agent runs them (KNOWLEDGE.md §2).</summary>
public enum BackupStep
{
    Preflight,
    MountTarget,
    WaitForVolume,
    Backup,
    WaitForRelease,
    DismountTarget,
}
