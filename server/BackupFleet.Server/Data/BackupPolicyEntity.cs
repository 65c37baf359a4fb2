namespace BackupFleet.Server.Data;

/// <summary>One host's backup policy; <see cref="NextRunAt"/> is when its schedule fires next.</summary>
public sealed class BackupPolicyEntity
{
    public Guid HostId { get; set; }
    public required string TargetPath { get; set; }
    public required string TargetDriveLetter { get; set; }
    public bool AllCritical { get; set; }
    public bool SystemState { get; set; }
    public List<string> IncludeVolumes { get; set; } = [];
    public required string Schedule { get; set; }
    public required string TimeZone { get; set; }
    public int MountWaitSeconds { get; set; }
    public int DismountWaitSeconds { get; set; }
    public int StartWindowMinutes { get; set; }
    public bool Enabled { get; set; }
    /// <summary>Longest a host may go without a successful backup; null: derived from the schedule (PolicyRpo).</summary>
    public int? RpoHours { get; set; }
    public bool BlockOnErrorFindings { get; set; }
    public int BackupTimeoutMinutes { get; set; } = BackupFleet.Shared.Runs.BackupSpec.DefaultBackupTimeoutMinutes;
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The schedule's next fire time; null while disabled. Set on save and by the scheduler as it fires (ScheduleFirer).</summary>
    public DateTimeOffset? NextRunAt { get; set; }
}
