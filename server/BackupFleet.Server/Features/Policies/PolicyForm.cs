namespace BackupFleet.Server.Features.Policies;

/// <summary>The policy editor's mutable model; it becomes a PolicyDto and goes through the same validation as the API.</summary>
public sealed class PolicyForm
{
    public string TargetPath { get; set; } = "";
    public string TargetDriveLetter { get; set; } = PolicyDefaults.DriveLetter;
    public bool AllCritical { get; set; } = true;
    public bool SystemState { get; set; } = true;
    public string IncludeVolumes { get; set; } = "C:";
    public string Schedule { get; set; } = "0 22 * * *";
    public string TimeZone { get; set; } = "UTC";
    public int MountWaitSeconds { get; set; } = PolicyDefaults.MountWaitSeconds;
    public int DismountWaitSeconds { get; set; } = PolicyDefaults.DismountWaitSeconds;
    public int StartWindowMinutes { get; set; } = PolicyDefaults.StartWindowMinutes;
    public bool Enabled { get; set; } = true;
    public int? RpoHours { get; set; }
    public bool BlockOnErrorFindings { get; set; }
    public int BackupTimeoutMinutes { get; set; } = PolicyDefaults.BackupTimeoutMinutes;

    public static PolicyForm From(PolicyDto p) => new()
    {
        TargetPath = p.TargetPath ?? "",
        TargetDriveLetter = p.TargetDriveLetter ?? PolicyDefaults.DriveLetter,
        AllCritical = p.AllCritical,
        SystemState = p.SystemState,
        IncludeVolumes = string.Join(", ", p.IncludeVolumes ?? []),
        Schedule = p.Schedule ?? "",
        TimeZone = p.TimeZone ?? "UTC",
        MountWaitSeconds = p.MountWaitSeconds ?? PolicyDefaults.MountWaitSeconds,
        DismountWaitSeconds = p.DismountWaitSeconds ?? PolicyDefaults.DismountWaitSeconds,
        StartWindowMinutes = p.StartWindowMinutes ?? PolicyDefaults.StartWindowMinutes,
        Enabled = p.Enabled,
        RpoHours = p.RpoHours,
        BlockOnErrorFindings = p.BlockOnErrorFindings,
        BackupTimeoutMinutes = p.BackupTimeoutMinutes ?? PolicyDefaults.BackupTimeoutMinutes,
    };

    public PolicyDto ToDto() => new(
        TargetPath, TargetDriveLetter, AllCritical, SystemState,
        IncludeVolumes.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries), Schedule, TimeZone,
        MountWaitSeconds, DismountWaitSeconds, StartWindowMinutes, Enabled, RpoHours, BlockOnErrorFindings, BackupTimeoutMinutes);
}
