namespace BackupFleet.Shared.Runs;

/// <summary>One backup the server asks an agent to run.</summary>
public sealed record BackupJob(Guid RunId, DateTimeOffset QueuedAt, BackupSpec Spec);

/// <summary>What to back up and where, taken from the host's policy when the run was queued.</summary>
/// <param name="TargetVhdxPath">UNC path of the backup VHDX on the share.</param>
/// <param name="TargetDriveLetter">Where the mounted VHDX's volume must appear, e.g. "B:".</param>
/// <param name="MountWaitSeconds">Longest wait for the mounted volume to come online.</param>
/// <param name="DismountWaitSeconds">Longest wait for the backup subsystem to let go of the disk before dismounting.</param>
/// <param name="BlockOnErrorFindings">The pre-flight stops the run when the host's checks find an error, instead of only warning.</param>
public sealed record BackupSpec(
    string TargetVhdxPath,
    string TargetDriveLetter,
    bool AllCritical,
    bool SystemState,
    IReadOnlyList<string> IncludeVolumes,
    int MountWaitSeconds,
    int DismountWaitSeconds,
    bool BlockOnErrorFindings = false);
