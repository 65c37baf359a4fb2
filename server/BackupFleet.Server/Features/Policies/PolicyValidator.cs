using BackupFleet.Shared.Text;
using BackupFleet.Shared.Paths;
using BackupFleet.Server.Data;

namespace BackupFleet.Server.Features.Policies;

/// <summary>Checks a policy and normalises it (drive letters as "B:"); errors are keyed by the JSON field name.</summary>
public static class PolicyValidator
{
    private const int MaxWaitSeconds = 3600;
    private const int MaxStartWindowMinutes = 7 * 24 * 60;
    // A year: beyond that a backup is no longer a recovery point anyone plans with.
    private const int MaxRpoHours = 366 * 24;
    // Ten minutes is less than any real backup takes; a week is longer than any should.
    private const int MinBackupTimeoutMinutes = 10;
    private const int MaxBackupTimeoutMinutes = 7 * 24 * 60;

    public static (BackupPolicyEntity? Policy, Dictionary<string, string[]> Errors) Validate(Guid hostId, PolicyDto dto)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        var path = dto.TargetPath?.Trim() ?? "";
        if (path.Length == 0)
            Error("targetPath", "Give the UNC path of the backup VHDX on the share, e.g. \\\\nas01\\backups\\HV01.vhdx.");
        else if (path.Length > UncPaths.MaxLength)
            Error("targetPath", $"The path is {path.Length} characters; Windows paths stop at {UncPaths.MaxLength}.");
        else if (!UncPaths.IsFilePath(path))
            Error("targetPath", "Must be a UNC path \\\\server\\share\\...\\file.vhdx without '.' or '..' parts and without the characters * ? \" < > | : /.");
        else if (!path.EndsWith(".vhdx", StringComparison.OrdinalIgnoreCase))
            Error("targetPath", "The target must be a .vhdx file: VHDX survives a lost connection or power cut, VHD does not (KNOWLEDGE.md §2).");

        var letter = NormaliseDrive(dto.TargetDriveLetter ?? PolicyDefaults.DriveLetter);
        if (letter is null)
            Error("targetDriveLetter", "Must be one drive letter, e.g. \"B:\".");
        else if (letter == "C:")
            Error("targetDriveLetter", "C: is the system volume; mount the backup VHDX at a free letter such as B:.");

        var volumes = new List<string>();
        foreach (var v in dto.IncludeVolumes ?? [])
        {
            if (NormaliseDrive(v) is { } normalised)
            {
                if (!volumes.Contains(normalised))
                    volumes.Add(normalised);
            }
            else
                Error("includeVolumes", $"'{Echo.Shorten(v)}' is not a volume; give drive letters such as \"C:\".");
        }
        if (letter is not null && volumes.Contains(letter))
            Error("includeVolumes", $"{letter} is where the backup target is mounted; it cannot also be backed up.");
        if (!dto.AllCritical && !dto.SystemState && volumes.Count == 0 && !errors.ContainsKey("includeVolumes"))
            Error("includeVolumes", "Nothing to back up: set allCritical, systemState or at least one volume.");

        if (string.IsNullOrWhiteSpace(dto.Schedule))
            Error("schedule", "Give a cron expression with five fields, e.g. \"0 22 * * *\" for 22:00 every day.");
        else if (!PolicySchedule.TryParseCron(dto.Schedule.Trim(), out _))
            Error("schedule", $"'{Echo.Shorten(dto.Schedule)}' is not a five-field cron expression (minute hour day month weekday), e.g. \"0 22 * * *\".");

        if (string.IsNullOrWhiteSpace(dto.TimeZone))
            Error("timeZone", "Give the time zone the schedule is read in, e.g. \"Europe/Berlin\" or \"UTC\".");
        else if (!PolicySchedule.TryFindTimeZone(dto.TimeZone.Trim(), out _))
            Error("timeZone", $"'{Echo.Shorten(dto.TimeZone)}' is not a known time zone id; use an IANA id such as \"Europe/Berlin\" or a Windows id such as \"W. Europe Standard Time\".");

        var mountWait = dto.MountWaitSeconds ?? PolicyDefaults.MountWaitSeconds;
        if (mountWait is < 0 or > MaxWaitSeconds)
            Error("mountWaitSeconds", $"Must be between 0 and {MaxWaitSeconds} seconds.");
        var dismountWait = dto.DismountWaitSeconds ?? PolicyDefaults.DismountWaitSeconds;
        if (dismountWait is < 0 or > MaxWaitSeconds)
            Error("dismountWaitSeconds", $"Must be between 0 and {MaxWaitSeconds} seconds.");
        var startWindow = dto.StartWindowMinutes ?? PolicyDefaults.StartWindowMinutes;
        if (startWindow is < 1 or > MaxStartWindowMinutes)
            Error("startWindowMinutes", $"Must be between 1 and {MaxStartWindowMinutes} minutes.");

        var backupTimeout = dto.BackupTimeoutMinutes ?? PolicyDefaults.BackupTimeoutMinutes;
        if (backupTimeout is < MinBackupTimeoutMinutes or > MaxBackupTimeoutMinutes)
            Error("backupTimeoutMinutes", $"Must be between {MinBackupTimeoutMinutes} and {MaxBackupTimeoutMinutes} minutes (a week).");

        if (dto.RpoHours is < 1 or > MaxRpoHours)
            Error("rpoHours", $"Must be between 1 and {MaxRpoHours} hours, or empty to derive it from the schedule.");

        if (errors.Count > 0)
            return (null, errors);

        return (new BackupPolicyEntity
        {
            HostId = hostId,
            TargetPath = path,
            TargetDriveLetter = letter!,
            AllCritical = dto.AllCritical,
            SystemState = dto.SystemState,
            IncludeVolumes = volumes,
            Schedule = dto.Schedule!.Trim(),
            TimeZone = dto.TimeZone!.Trim(),
            MountWaitSeconds = mountWait,
            DismountWaitSeconds = dismountWait,
            StartWindowMinutes = startWindow,
            Enabled = dto.Enabled,
            RpoHours = dto.RpoHours,
            BlockOnErrorFindings = dto.BlockOnErrorFindings,
            BackupTimeoutMinutes = backupTimeout,
        }, errors);
    }

    private static string? NormaliseDrive(string? value) => DriveLetters.TryNormalise(value, out var letter) ? letter : null;
}
