using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupFleet.Agent.Platform;

/// <summary>
/// Reads how much a backup wrote from the VolumesInfo property of its Microsoft-Windows-Backup stop event (OSSEM lists
/// VolumesInfo among the fields of events 4 and 5): <c>&lt;VolumeInfo&gt;&lt;VolumeInfoItem Name="…" … DataTransferred="N" … TotalSize="N" … /&gt;…&lt;/VolumeInfo&gt;</c>,
/// one item per volume. The item's attributes are taken from the format string in wbengine.exe's event publisher
/// (PublishBackupStopEvent); no event captured on a host has been seen here, so this is unverified until one is. A property
/// that is not such a document is ignored: the count is only for the dashboard's throughput, never for a run's result.
/// </summary>
public static partial class BackupVolumesInfo
{
    [GeneratedRegex(@"<VolumeInfoItem\b[^>]*?\sDataTransferred=""(\d{1,19})""", RegexOptions.CultureInvariant)]
    private static partial Regex DataTransferred();

    /// <summary>The sum of DataTransferred over the volumes of the first property that is a VolumeInfo document; null when none is.</summary>
    public static long? BytesTransferred(IEnumerable<string?>? properties)
    {
        foreach (var property in properties ?? [])
        {
            if (property is null || !property.Contains("<VolumeInfo>", StringComparison.Ordinal))
                continue;
            var items = DataTransferred().Matches(property);
            if (items.Count == 0)
                return null;
            long total = 0;
            foreach (Match item in items)
            {
                if (!long.TryParse(item.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || total > long.MaxValue - bytes)
                    return null;
                total += bytes;
            }
            return total;
        }
        return null;
    }
}
