using System.Globalization;
using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.Wbadmin;
using BackupFleet.Agent.Platform.Windows.PowerShell;

namespace BackupFleet.Agent.Provisioning;

/// <summary>
/// Checks a provisioning request and turns it into the PowerShell steps of KNOWLEDGE.md §2. Pure: no file or share is
/// touched. Whether another host already uses the VHDX needs the server's records: the server-side job checks that.
/// </summary>
public static class ProvisioningPlanner
{
    public const string DefaultDriveLetter = "B:";
    public const string DefaultLabel = "Backup Disk";

    /// <summary>A weak NAS timed out allocating 5.4 TB at once but managed 2 TB at a time (KNOWLEDGE.md §2).</summary>
    public const long Step = 2 * TargetSize.TiB;

    /// <summary>Longest restore path that works, and where the warning starts (KNOWLEDGE.md §1).</summary>
    public const int MaxRestorePath = 110;
    public const int WarnRestorePath = 95;

    // NTFS volume labels hold at most 32 characters.
    private const int MaxLabel = 32;

    public const string ExistsScript = "[pscustomobject]@{ Exists = [bool](Test-Path -LiteralPath $path) } | ConvertTo-Json -Depth 4 -Compress";

    /// <exception cref="ProvisioningException">Something must be fixed first; one line per problem.</exception>
    public static ProvisioningPlan Plan(string vhdxPath, string size, string? driveLetter, string? label, string computerName)
    {
        var problems = new List<string>();
        var warnings = new List<string>();
        CheckPath(vhdxPath, computerName, problems, warnings);
        var bytes = TargetSize.TryParse(size);
        if (bytes is null)
            problems.Add($"--size '{size}' is not a size such as 5.3TB, 4096GB or 2TB.");
        else if (bytes <= 0)
            problems.Add($"--size '{size}' is less than 1 MB; give the size of the backup disk, e.g. 4TB.");
        else if (bytes > TargetSize.Max)
            problems.Add($"--size '{size}' is over 64 TB, the largest a VHDX can be; give 64TB or less.");
        if (!DriveLetters.TryNormalise(driveLetter ?? DefaultDriveLetter, out var letter))
            problems.Add($"--letter '{driveLetter}' is not a drive letter such as B:.");
        label ??= DefaultLabel;
        if (string.IsNullOrWhiteSpace(label) || label.Length > MaxLabel)
            problems.Add($"--label '{label}' must be 1 to {MaxLabel} characters, the most an NTFS volume label holds.");
        if (problems.Count > 0)
            throw new ProvisioningException(string.Join(Environment.NewLine, problems));
        return Build(vhdxPath, bytes!.Value, letter, label, warnings);
    }

    private static void CheckPath(string path, string computerName, List<string> problems, List<string> warnings)
    {
        if (!PreflightChecks.UncFilePath().IsMatch(path))
        {
            problems.Add($"--vhdx '{path}' is not a UNC path to a file on a share, such as \\\\nas01\\backups\\{computerName}.vhdx.");
            return;
        }
        // KNOWLEDGE.md §2: VHDX survives a cable pull or power cut over SMB; VHD does not.
        if (!path.EndsWith(".vhdx", StringComparison.OrdinalIgnoreCase))
            problems.Add($"--vhdx '{path}' is not a .vhdx file: only VHDX survives a lost connection or power cut on a share. End it in .vhdx.");
        // KNOWLEDGE.md §1: a restore copies the backup set to the share root, and fails (0x80070001) past 110 characters.
        var parts = path[2..].Split('\\');
        var restore = $@"\\{parts[0]}\{parts[1]}\WindowsImageBackup\{computerName}";
        if (restore.Length > MaxRestorePath)
            problems.Add($"A restore from this share would use {restore} ({restore.Length} characters); over {MaxRestorePath} "
                + "a restore fails with 0x80070001. Use a share with a shorter server or share name.");
        else if (restore.Length > WarnRestorePath)
            warnings.Add($"A restore from this share would use {restore} ({restore.Length} characters), close to the "
                + $"{MaxRestorePath} at which a restore fails; a shorter server or share name leaves room.");
    }

    private static ProvisioningPlan Build(string path, long bytes, string letter, string label, List<string> warnings)
    {
        var drive = letter[0];
        var create = new List<ProvisioningStep>
        {
            // Creating or growing a fixed VHDX writes the whole extent on the NAS: hours, so no time limit; Ctrl-C still stops it.
            new($"New-VHD -Fixed {TargetSize.Format(Math.Min(Step, bytes))}",
                With(path, $"New-VHD -Path $path -Fixed -SizeBytes {Bytes(Math.Min(Step, bytes))} | Out-Null"), null),
        };
        for (var size = Math.Min(Step, bytes); size < bytes;)
        {
            size = Math.Min(size + Step, bytes);
            create.Add(new($"Resize-VHD to {TargetSize.Format(size)}", With(path, $"Resize-VHD -Path $path -SizeBytes {Bytes(size)}"), null));
        }
        return new ProvisioningPlan(path, bytes, letter, label, warnings,
            new("Check that the VHDX does not exist yet", With(path, ExistsScript), WindowsPowerShell.DefaultTimeout),
            create,
            new($"Mount-VHD, Initialize-Disk GPT, New-Partition at {letter}",
                With(path, $"Mount-VHD -Path $path -Passthru | Initialize-Disk -PartitionStyle GPT -Passthru | New-Partition -UseMaximumSize -DriveLetter {drive} | Out-Null"),
                WindowsPowerShell.DefaultTimeout),
            // A quick format (Format-Volume's default), but of a volume of terabytes on a NAS: more room than the usual limit.
            new($"Format-Volume {letter} NTFS, 64 KB allocation unit, label '{label}'",
                $"$label = {PowerShellLiteral.Quote(label)}\nFormat-Volume -DriveLetter {drive} -FileSystem NTFS -AllocationUnitSize 65536 -NewFileSystemLabel $label -Confirm:$false -Force | Out-Null",
                TimeSpan.FromMinutes(30)),
            new("Dismount-VHD", With(path, WindowsVirtualDisks.DismountScript), WindowsPowerShell.DefaultTimeout));
    }

    private static string With(string path, string script) => WindowsVirtualDisks.WithPath(path, script);

    private static string Bytes(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);
}
