using BackupFleet.Server.Data;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Policies;

public static class PolicyMapping
{
    public static PolicyDto ToDto(this BackupPolicyEntity p) => new(
        p.TargetPath, p.TargetDriveLetter, p.AllCritical, p.SystemState, p.IncludeVolumes, p.Schedule, p.TimeZone,
        p.MountWaitSeconds, p.DismountWaitSeconds, p.StartWindowMinutes, p.Enabled, p.RpoHours, p.BlockOnErrorFindings,
        p.BackupTimeoutMinutes);

    public static BackupSpec ToSpec(this BackupPolicyEntity p) => new(
        p.TargetPath, p.TargetDriveLetter, p.AllCritical, p.SystemState, p.IncludeVolumes, p.MountWaitSeconds, p.DismountWaitSeconds, p.BlockOnErrorFindings,
        p.BackupTimeoutMinutes);
}
