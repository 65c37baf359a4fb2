namespace BackupFleet.Server.Features.Policies;

/// <summary>A host's backup policy as the API shows and accepts it.</summary>
/// <param name="TargetPath">UNC path of the backup VHDX on the share, e.g. \\nas01\backups\HV01.vhdx.</param>
/// <param name="TargetDriveLetter">Where the VHDX's volume is mounted for the backup, e.g. "B:".</param>
/// <param name="IncludeVolumes">Volumes added with -include, e.g. ["C:"].</param>
/// <param name="Schedule">Cron expression with five fields (minute hour day month weekday).</param>
/// <param name="TimeZone">IANA or Windows time zone id the schedule is read in.</param>
/// <param name="MountWaitSeconds">Longest wait for the mounted volume to come online (KNOWLEDGE: 60 s).</param>
/// <param name="DismountWaitSeconds">Longest wait for the backup to let go of the disk before dismounting (KNOWLEDGE: 120 s).</param>
/// <param name="StartWindowMinutes">How long a scheduled run may wait for an offline host before it is Missed.</param>
/// <param name="RpoHours">Longest the host may go without a successful backup before it is flagged (rpo-breached); empty: one and a half times the longest gap between scheduled runs.</param>
/// <param name="BlockOnErrorFindings">Stop a backup in its pre-flight when the host's checks find an error; otherwise the run goes ahead and logs the findings.</param>
/// <param name="BackupTimeoutMinutes">Longest wbadmin may run before the agent stops it, dismounts and fails the run (default 720: 12 hours).</param>
public sealed record PolicyDto(
    string? TargetPath,
    string? TargetDriveLetter,
    bool AllCritical,
    bool SystemState,
    IReadOnlyList<string>? IncludeVolumes,
    string? Schedule,
    string? TimeZone,
    int? MountWaitSeconds,
    int? DismountWaitSeconds,
    int? StartWindowMinutes,
    bool Enabled = true,
    int? RpoHours = null,
    bool BlockOnErrorFindings = false,
    int? BackupTimeoutMinutes = null);

public static class PolicyDefaults
{
    public const string DriveLetter = "B:";
    /// <summary>KNOWLEDGE.md §2: "Start-Sleep -s 60" after Mount-VHD.</summary>
    public const int MountWaitSeconds = 60;
    /// <summary>KNOWLEDGE.md §2: "Start-Sleep -s 120" before Dismount-VHD.</summary>
    public const int DismountWaitSeconds = 120;
    public const int StartWindowMinutes = 240;
    public const int BackupTimeoutMinutes = BackupFleet.Shared.Runs.BackupSpec.DefaultBackupTimeoutMinutes;
}
