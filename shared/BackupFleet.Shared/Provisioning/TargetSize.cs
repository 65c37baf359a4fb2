using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupFleet.Shared.Provisioning;

/// <summary>Disk sizes as an administrator writes them for New-VHD: 5.3TB, 4096GB, 2TB, in binary units as PowerShell reads them.</summary>
public static partial class TargetSize
{
    public const long MiB = 1L << 20;
    public const long GiB = 1L << 30;
    public const long TiB = 1L << 40;

    /// <summary>The VHDX format's limit (KNOWLEDGE.md §2).</summary>
    public const long Max = 64 * TiB;

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(MB|GB|TB)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    /// <summary>The size in bytes, rounded down to a whole MiB so that it is a multiple of any sector size; null when not a size.</summary>
    public static long? TryParse(string? text)
    {
        var match = Pattern().Match(text ?? "");
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return null;
        var unit = match.Groups[2].Value.ToUpperInvariant() switch { "MB" => MiB, "GB" => GiB, _ => TiB };
        // Decimal keeps 5.3 exact. Anything past the limit is refused later, so cap it before it could overflow.
        if (number > Max)
            return 2 * Max;
        var bytes = number * unit;
        return bytes > 2 * Max ? 2 * Max : (long)(bytes / MiB) * MiB;
    }

    /// <summary>e.g. "5.3 TB", "512 GB", for the steps as they are printed.</summary>
    public static string Format(long bytes) => bytes >= TiB
        ? ((decimal)bytes / TiB).ToString("0.##", CultureInfo.InvariantCulture) + " TB"
        : ((decimal)bytes / GiB).ToString("0.##", CultureInfo.InvariantCulture) + " GB";
}
