namespace BackupFleet.Shared.Paths;

/// <summary>
/// Windows paths from an inventory, taken apart as text: System.IO.Path on Linux knows neither backslashes nor drive letters,
/// and the checks must give the same answer on the server as on the host.
/// </summary>
public static class WindowsPaths
{
    private const string VolumeGuidPrefix = @"\\?\Volume{";

    /// <summary>
    /// The volume a path is on: "D:" for D:\…, \\server\share for a file on a share, \\?\Volume{…} for a volume without a
    /// drive letter; null for a relative path or one that names no volume.
    /// </summary>
    public static string? Volume(string? path) => Split(path)?.Volume;

    /// <summary>The names below the volume: D:\SQL01\Disks\c.vhdx → SQL01, Disks, c.vhdx; the volume's root has none.</summary>
    public static IReadOnlyList<string> Parts(string path) =>
        Split(path)?.Below.Split('\\', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>The folders a file sits in, below the volume: D:\SQL01\Disks\c.vhdx → SQL01, Disks.</summary>
    public static IReadOnlyList<string> Folders(string filePath) => Parts(filePath) is { Count: > 0 } parts ? parts.Take(parts.Count - 1).ToList() : [];

    /// <summary>True for a file straight in a volume's root, such as D:\pagefile.vhdx.</summary>
    public static bool IsAtVolumeRoot(string filePath) => Volume(filePath) is not null && Parts(filePath).Count == 1;

    /// <summary>True for a volume without a drive letter, written \\?\Volume{…}.</summary>
    public static bool IsVolumeGuidPath(string volume) => volume.StartsWith(VolumeGuidPrefix, StringComparison.OrdinalIgnoreCase);

    public static string FileName(string path) => Parts(path) is { Count: > 0 } parts ? parts[^1] : "";

    public static bool HasExtension(string path, string extension) => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The path without its file's last extension: \\nas\b\HV01.vhdx → \\nas\b\HV01.</summary>
    public static string WithoutExtension(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot > path.LastIndexOf('\\') ? path[..dot] : path;
    }

    /// <summary>The folder a file is in: \\nas\b\HV01.vhdx → \\nas\b.</summary>
    public static string Parent(string path)
    {
        var trimmed = path.TrimEnd('\\');
        var slash = trimmed.LastIndexOf('\\');
        return slash > 0 ? trimmed[..slash] : trimmed;
    }

    /// <summary>A volume or folder and names below it, joined with one backslash each: ("D:", "SQL01", "d.vhdx") → D:\SQL01\d.vhdx.</summary>
    public static string Combine(string folder, params string[] names) => string.Join('\\', names.Prepend(folder.TrimEnd('\\')));

    /// <summary>Windows compares paths without regard to case; a trailing backslash changes nothing.</summary>
    public static bool Same(string? a, string? b) => string.Equals(Key(a), Key(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>The path as <see cref="Same"/> compares it, for grouping with <see cref="StringComparer.OrdinalIgnoreCase"/>.</summary>
    public static string? Key(string? path) => path?.TrimEnd('\\');

    /// <summary>True when the path has a folder, below its volume, with this name (in any case): D:\VMs\SQL01\c.vhdx is in "sql01".</summary>
    public static bool IsInFolderNamed(string filePath, string name) => Folders(filePath).Any(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));

    private static (string Volume, string Below)? Split(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return null;
        var p = path.Replace('/', '\\');
        // \\?\ and \\.\ prefix a path that Windows passes on unparsed: \\?\D:\…, \\?\UNC\server\share\…, \\?\Volume{…}\….
        if (p.StartsWith(@"\\?\", StringComparison.Ordinal) || p.StartsWith(@"\\.\", StringComparison.Ordinal))
        {
            p = p[4..];
            if (p.StartsWith("Volume{", StringComparison.OrdinalIgnoreCase))
            {
                var end = p.IndexOf('\\', StringComparison.Ordinal);
                return end < 0 ? (@"\\?\" + p, "") : (@"\\?\" + p[..end], p[(end + 1)..]);
            }
            if (p.StartsWith(@"UNC\", StringComparison.OrdinalIgnoreCase))
                p = @"\\" + p[4..];
        }
        if (p.Length >= 2 && char.IsAsciiLetter(p[0]) && p[1] == ':' && (p.Length == 2 || p[2] == '\\'))
            return ($"{char.ToUpperInvariant(p[0])}:", p.Length > 3 ? p[3..] : "");
        if (UncPaths.ShareRoot(p) is { } root)
            return (root, p.Length > root.Length ? p[(root.Length + 1)..] : "");
        return null;
    }
}
