using System.Globalization;

namespace BackupFleet.Shared.Knowledge;

/// <summary>The Get-WinEvent commands that find the events about a code.</summary>
public static class EventLogQuery
{
    /// <summary>
    /// The events of the last day that name an HRESULT, in hex or as the unsigned decimal the Backup events also use
    /// (windows-outputs.md §4). -ErrorAction SilentlyContinue: Get-WinEvent reports "no events found" as an error.
    /// </summary>
    public static string ForHResult(string hresult, params string[] sources)
    {
        var value = ErrorCodes.Value(hresult).ToString(CultureInfo.InvariantCulture);
        return $"Get-WinEvent -FilterHashtable @{{LogName={Logs(sources)}; StartTime=(Get-Date).AddDays(-1)}} -ErrorAction SilentlyContinue | "
            + $"Where-Object Message -match '{hresult}|{value}' | Format-List TimeCreated, ProviderName, Id, Message";
    }

    /// <summary>The last events of one id from a source's log.</summary>
    public static string ForEvent(string source, int id) =>
        $"Get-WinEvent -FilterHashtable @{{LogName='{EventSources.LogOf(source)}'; Id={id}}} -MaxEvents 5 | Format-List TimeCreated, Message";

    /// <summary>
    /// The last day's errors in the sources' logs (Level 2: the level's name is localised). VSS's are the Application log's
    /// errors of every source, as other programs' errors there often explain a VSS failure.
    /// </summary>
    public static string Errors(params string[] sources) =>
        $"Get-WinEvent -FilterHashtable @{{LogName={Logs(sources)}; Level=2; StartTime=(Get-Date).AddDays(-1)}} -ErrorAction SilentlyContinue | "
        + "Format-List TimeCreated, ProviderName, Id, Message";

    private static string Logs(string[] sources) =>
        string.Join(",", sources.Select(EventSources.LogOf).OfType<string>().Distinct().Select(log => $"'{log}'"));
}
