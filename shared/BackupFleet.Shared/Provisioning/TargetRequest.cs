using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.Text;

namespace BackupFleet.Shared.Provisioning;

/// <summary>A request to create a host's backup VHDX, checked; <see cref="Problems"/> empty means it may go ahead.</summary>
public sealed record TargetRequest(
    string VhdxPath, long SizeBytes, string DriveLetter, string Label,
    IReadOnlyList<TargetRequest.Problem> Problems, IReadOnlyList<string> Warnings)
{
    public const string DefaultDriveLetter = "B:";
    public const string DefaultLabel = "Backup Disk";

    // NTFS volume labels hold at most 32 characters.
    private const int MaxLabel = 32;

    /// <param name="Field">"vhdx", "size", "letter" or "label": which input to fix.</param>
    public sealed record Problem(string Field, string Message);

    /// <summary>
    /// Checks everything that can be known without the share or the server's records, and names every problem at once.
    /// <paramref name="nameOf"/> says how a field is called where the message shows ("--size" on the command line).
    /// </summary>
    public static TargetRequest Check(string? vhdxPath, string? size, string? driveLetter, string? label, string computerName,
        Func<string, string> nameOf)
    {
        var problems = new List<Problem>();
        var warnings = new List<string>();
        void Add(string field, string message) => problems.Add(new(field, message));
        var path = vhdxPath?.Trim() ?? "";

        if (path.Length > UncPaths.MaxLength)
            Add("vhdx", $"{nameOf("vhdx")} is {path.Length} characters; Windows paths stop at {UncPaths.MaxLength}.");
        else if (!UncPaths.IsFilePath(path))
            Add("vhdx", $"{nameOf("vhdx")} '{Echo.Shorten(path)}' is not a UNC path to a file on a share, such as \\\\nas01\\backups\\{computerName}.vhdx.");
        else
        {
            // KNOWLEDGE.md §2: VHDX survives a cable pull or power cut over SMB; VHD does not.
            if (!path.EndsWith(".vhdx", StringComparison.OrdinalIgnoreCase))
                Add("vhdx", $"{nameOf("vhdx")} '{Echo.Shorten(path)}' is not a .vhdx file: only VHDX survives a lost connection or power cut on a share. End it in .vhdx.");
            var restore = RestorePath.For(BackupTargetKind.VhdxOnShare, path, computerName)!;
            if (restore.Length > RestorePath.MaxLength)
                Add("vhdx", $"A restore from this share would use {restore} ({restore.Length} characters); over {RestorePath.MaxLength} "
                    + "a restore fails with 0x80070001. Use a share with a shorter server or share name.");
            else if (restore.Length > RestorePath.WarnLength)
                warnings.Add($"A restore from this share would use {restore} ({restore.Length} characters), close to the "
                    + $"{RestorePath.MaxLength} at which a restore fails; a shorter server or share name leaves room.");
        }

        var bytes = TargetSize.TryParse(size);
        if (bytes is null)
            Add("size", $"{nameOf("size")} '{Echo.Shorten(size)}' is not a size such as 5.3TB, 4096GB or 2TB.");
        else if (bytes <= 0)
            Add("size", $"{nameOf("size")} '{Echo.Shorten(size)}' is less than 1 MB; give the size of the backup disk, e.g. 4TB.");
        else if (bytes > TargetSize.Max)
            Add("size", $"{nameOf("size")} '{Echo.Shorten(size)}' is over 64 TB, the largest a VHDX can be; give 64TB or less.");

        if (!DriveLetters.TryNormalise(driveLetter ?? DefaultDriveLetter, out var letter))
            Add("letter", $"{nameOf("letter")} '{Echo.Shorten(driveLetter)}' is not a drive letter such as B:.");
        label ??= DefaultLabel;
        if (string.IsNullOrWhiteSpace(label) || label.Length > MaxLabel || label.Any(char.IsControl))
            Add("label", $"{nameOf("label")} '{Echo.Shorten(label)}' must be 1 to {MaxLabel} printable characters, the most an NTFS volume label holds.");

        return new TargetRequest(path, bytes ?? 0, letter, label, problems, warnings);
    }
}
