namespace BackupFleet.Shared.Runs;

/// <summary>One backup the server asks an agent to run.</summary>
public sealed record BackupJob(Guid RunId, DateTimeOffset QueuedAt, BackupSpec Spec);

/// <summary>What to back up and where, taken from the host's policy when the run was queued.</summary>
/// <param name="TargetVhdxPath">UNC path of the backup VHDX on the share.</param>
/// <param name="TargetDriveLetter">Where the mounted VHDX's volume must appear, e.g. "B:".</param>
/// <param name="MountWaitSeconds">Longest wait for the mounted volume to come online.</param>
/// <param name="DismountWaitSeconds">Longest wait for the backup subsystem to let go of the disk before dismounting.</param>
/// <param name="BlockOnErrorFindings">The pre-flight stops the run when the host's checks find an error, instead of only warning.</param>
/// <param name="BackupTimeoutMinutes">Longest wbadmin may run; a hung one is stopped and the run fails saying so.</param>
public sealed record BackupSpec(
    string TargetVhdxPath,
    string TargetDriveLetter,
    bool AllCritical,
    bool SystemState,
    IReadOnlyList<string> IncludeVolumes,
    int MountWaitSeconds,
    int DismountWaitSeconds,
    bool BlockOnErrorFindings = false,
    int BackupTimeoutMinutes = BackupSpec.DefaultBackupTimeoutMinutes)
{
    /// <summary>Twelve hours: a full backup of several TB over a slow link finishes well within it; a hung wbadmin is caught by morning.</summary>
    public const int DefaultBackupTimeoutMinutes = 12 * 60;
}
