using System.Globalization;

namespace BackupFleet.Agent.Platform;

/// <summary>One Microsoft-Windows-Backup event-log entry (windows-outputs.md §4): Windows' own words about a backup.</summary>
/// <param name="Level">As Windows displays it ("Information", "Error"); localised, so only shown, never compared.</param>
/// <param name="ErrorCode">The HRESULT it names, normalised to "0x80780119" whether Windows wrote it in hex or unsigned decimal.</param>
/// <param name="BytesTransferred">The bytes the backup wrote, summed over the volumes of the event's VolumesInfo
/// (<see cref="BackupVolumesInfo"/>); null for an event without one.</param>
public sealed record WindowsBackupEvent(int Id, string Level, DateTimeOffset TimeCreated, string Message, string? ErrorCode, long? BytesTransferred = null)
{
    /// <summary>e.g. "Event 5 (Error) 2026-11-23T10:00:32Z: The backup operation that started at … '0x80780119' (…)".</summary>
    public string Describe()
    {
        var at = TimeCreated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        // A decimal code in the message is hard to look up; the normalised form goes beside it.
        var code = ErrorCode is not null && !Message.Contains(ErrorCode, StringComparison.OrdinalIgnoreCase) ? $" ({ErrorCode})" : "";
        return $"Event {Id} ({Level}) {at}: {Message.Trim()}{code}";
    }
}
