namespace BackupFleet.Agent.Platform;

/// <summary>Microsoft-Windows-Backup event IDs (windows-outputs.md §4) that decide a run, by number because the text is localised.</summary>
public static class BackupEventIds
{
    /// <summary>"The backup operation has finished successfully."</summary>
    public const int Succeeded = 4;

    /// <summary>
    /// Events that say the backup failed: 5 failed with a code, 9 shadow copy failed, 19 failed to start, 49 no storage
    /// location, 50 not enough space, 517 system state failed, 521 VSS failed for the backup volumes.
    /// </summary>
    public static readonly IReadOnlySet<int> Failed = new HashSet<int> { 5, 9, 19, 49, 50, 517, 521 };
}
