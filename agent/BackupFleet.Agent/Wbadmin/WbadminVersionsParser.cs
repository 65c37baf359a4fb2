using System.Globalization;
using System.Text.RegularExpressions;
using BackupFleet.Shared.Inventory;

namespace BackupFleet.Agent.Wbadmin;

/// <summary>
/// Reads <c>wbadmin get versions</c> (shared/reference/windows-outputs.md §2): "Key: value" records separated by blank lines.
/// The keys are English here and localised elsewhere, so a record is recognised by its version identifier's shape,
/// which wbadmin prints the same in every language (MM/DD/YYYY-HH:MM); the other fields are read when their English key is found.
/// </summary>
public static partial class WbadminVersionsParser
{
    // Every sample is local time +6/+7 h, consistent with UTC; not documented (reference: unverified).
    private const string IdentifierFormat = "MM/dd/yyyy-HH:mm";

    [GeneratedRegex(@"^\s*([^:]+?)\s*:\s*(.*?)\s*$")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^\d{2}/\d{2}/\d{4}-\d{2}:\d{2}$")]
    private static partial Regex Identifier();

    public static IReadOnlyList<BackupVersionDto> Parse(IEnumerable<string> lines)
    {
        var versions = new List<BackupVersionDto>();
        var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? identifier = null;

        void Flush()
        {
            if (identifier is not null)
                versions.Add(ToVersion(identifier, record));
            record.Clear();
            identifier = null;
        }

        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                Flush();
                continue;
            }
            var m = KeyValue().Match(line);
            if (!m.Success)
                continue;
            var (key, value) = (m.Groups[1].Value, m.Groups[2].Value);
            if (Identifier().IsMatch(value))
            {
                if (identifier is not null)
                    Flush(); // records not separated by a blank line
                identifier = value;
            }
            record.TryAdd(key, value);
        }
        Flush();
        return versions;
    }

    private static BackupVersionDto ToVersion(string identifier, Dictionary<string, string> record)
    {
        DateTimeOffset? time = DateTime.TryParseExact(identifier, IdentifierFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc)
            ? new DateTimeOffset(utc, TimeSpan.Zero)
            : null;
        var target = record.GetValueOrDefault("Backup target") ?? record.GetValueOrDefault("Backup location");
        var canRecover = record.GetValueOrDefault("Can recover")?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new BackupVersionDto(identifier, time, target, canRecover, record.GetValueOrDefault("Snapshot ID"));
    }
}
