using System.Text.RegularExpressions;

namespace BackupFleet.Shared.Paths;

/// <summary>Paths of files on an SMB share, written \\server\share\…\file; checked as text, so the same on Linux as on Windows.</summary>
public static partial class UncPaths
{
    // A server, a share and at least one more part; no characters Windows forbids in names.
    [GeneratedRegex(@"^\\\\[^\\/:*?""<>|\s]+\\[^\\/:*?""<>|]+(\\[^\\/:*?""<>|]+)+$")]
    private static partial Regex FilePath();

    /// <summary>MAX_PATH: New-VHD, Mount-VHD and wbadmin do not take longer paths.</summary>
    public const int MaxLength = 260;

    public static bool IsFilePath(string? path) =>
        path is not null && !path.Any(char.IsControl) && FilePath().IsMatch(path) && path.Split('\\').All(part => part is not ("." or ".."));

    /// <summary>\\server\share of a UNC path, or null when the path is not one.</summary>
    public static string? ShareRoot(string? path)
    {
        if (path is null || !path.StartsWith(@"\\", StringComparison.Ordinal))
            return null;
        var parts = path[2..].Split('\\');
        return parts.Length >= 2 && parts[0].Length > 0 && parts[1].Length > 0 ? $@"\\{parts[0]}\{parts[1]}" : null;
    }

    /// <summary>The server of a UNC path (\\nas01\backups\x → nas01), or null when the path is not one.</summary>
    public static string? Server(string? path) => ShareRoot(path) is { } root ? root[2..root.IndexOf('\\', 2)] : null;
}
