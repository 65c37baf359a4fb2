using System.Globalization;

namespace BackupFleet.Shared.Knowledge;

/// <summary>
/// A code the catalogue lacks, decoded from what its form tells: an HRESULT's facility (a Win32 error in the low 16 bits of
/// 0x8007xxxx, Windows Server Backup's 0x8078xxxx, VSS's 0x800423xx), or the log an event id comes from; with the commands
/// that show Windows' own text and the events around it.
/// </summary>
internal static class UncataloguedCode
{
    private const string NotCatalogued = "BackupFleet's catalogue does not describe it; Windows' own text and the events around the failure do.";

    public static DecodedError Decode(string code, ErrorContext context) =>
        ErrorCodes.IsHResult(code) ? HResult(code, context.Operation) : SourceAndNumber(code);

    private static DecodedError HResult(string code, ErrorOperation operation)
    {
        var value = ErrorCodes.Value(code);
        var facility = (value >> 16) & 0x1FFF;
        var low = value & 0xFFFF;
        var (title, what) = facility switch
        {
            7 => ($"Win32 error {low}", $"{code} is Win32 error {low} (0x{low:X4}) carried as an HRESULT (facility 7, FACILITY_WIN32)."),
            0x78 => ("A Windows Server Backup error", $"{code} is a Windows Server Backup error (facility 0x78)."),
            4 when low is >= 0x2300 and < 0x2500 => ("A Volume Shadow Copy Service error", $"{code} is in the Volume Shadow Copy Service's range (0x800423xx–0x800424xx)."),
            _ => ($"An HRESULT of facility {facility}", $"{code} is error 0x{low:X4} of facility {facility} (0x{facility:X})."),
        };
        // The logs where such a failure leaves its events, by what was running.
        string[] sources = operation switch
        {
            ErrorOperation.HyperVCheckpoint => [EventSources.HyperVVmms, EventSources.Vss],
            ErrorOperation.Restore or ErrorOperation.RestoreFromShare => [EventSources.Backup],
            _ => [EventSources.Backup, EventSources.Vss],
        };
        return new DecodedError(code, "", title, $"{what} {NotCatalogued}", [],
            $"certutil -error {code} prints Windows' text for it, where Windows has one. Look in the event log for the events that name it: "
            + EventLogQuery.ForHResult(code, sources),
            [], Catalogued: false);
    }

    private static DecodedError SourceAndNumber(string code)
    {
        var slash = code.LastIndexOf('/');
        var (source, number) = (code[..slash], int.Parse(code.AsSpan(slash + 1), CultureInfo.InvariantCulture));
        return source == EventSources.HyperVJob
            ? new DecodedError(code, "", $"Hyper-V job result {number}",
                $"A return value of a Hyper-V method or job. {NotCatalogued}", [],
                $"Look in the event log for the operation's error: {EventLogQuery.Errors(EventSources.HyperVVmms)}", [], Catalogued: false)
            : new DecodedError(code, "", $"Event {number} of {source}",
                $"An event of {source}. {NotCatalogued}", [],
                $"Read the event's own message: {EventLogQuery.ForEvent(source, number)}", [], Catalogued: false);
    }
}
