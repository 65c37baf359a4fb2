using BackupFleet.Shared.Knowledge;
using System.Globalization;
using BackupFleet.Agent.Platform.Windows.PowerShell;

namespace BackupFleet.Agent.Platform.Windows;

/// <summary>
/// The Microsoft-Windows-Backup events of a time window through Get-WinEvent (windows-outputs.md §4). The script projects
/// TimeCreated to ISO UTC and the properties to strings; 5.1's raw "/Date(ms)/" is still read, should a host print it.
/// </summary>
public sealed class WindowsBackupEvents(WindowsPowerShell powerShell)
{
    /// <summary>
    /// <c>$from</c>/<c>$to</c> are UTC DateTimes. No match is an error "No events were found…", silenced here by
    /// -ErrorAction SilentlyContinue, so the script then prints nothing. Unverified: that Get-WinEvent honours a UTC
    /// DateTime's kind in StartTime/EndTime (it builds its XPath filter in UTC, so it should).
    /// </summary>
    public const string Script = """
        Get-WinEvent -FilterHashtable @{LogName='Microsoft-Windows-Backup'; StartTime=$from; EndTime=$to} -ErrorAction SilentlyContinue |
          Select-Object Id, LevelDisplayName, Message,
            @{n='TimeCreated';e={$_.TimeCreated.ToUniversalTime().ToString('o')}},
            @{n='Properties';e={@($_.Properties | ForEach-Object { "$($_.Value)" })}} |
          ConvertTo-Json -Depth 4 -Compress
        """;

    // The English text of the error above, in case a host raises it despite SilentlyContinue; localised hosts word it otherwise.
    private const string NoEventsFound = "No events were found";

    /// <summary>The times as FILETIME numbers: no date text for PowerShell to read in its own culture.</summary>
    public static string ScriptFor(DateTimeOffset from, DateTimeOffset to) =>
        $"$from = [DateTime]::FromFileTimeUtc({from.ToFileTime().ToString(CultureInfo.InvariantCulture)})\n"
        + $"$to = [DateTime]::FromFileTimeUtc({to.ToFileTime().ToString(CultureInfo.InvariantCulture)})\n{Script}";

    public async Task<IReadOnlyList<WindowsBackupEvent>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        IReadOnlyList<PsObject> events;
        try
        {
            events = await powerShell.QueryAsync("Get-WinEvent Microsoft-Windows-Backup", ScriptFor(from, to), ct);
        }
        catch (PowerShellException e) when (e.Message.Contains(NoEventsFound, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }
        // Get-WinEvent lists the newest first.
        return events.Select(Read).OrderBy(e => e.TimeCreated).ToList();
    }

    private static WindowsBackupEvent Read(PsObject e)
    {
        var message = e.String("Message") ?? "";
        // The code is in the message as hex or unsigned decimal; which property holds it (HRESULT, per OSSEM) is unverified, so any property that is one counts.
        var properties = e.Strings("Properties");
        var code = HResults.FindLast(message) ?? properties?.Select(HResults.FromValue).FirstOrDefault(c => c is not null);
        return new WindowsBackupEvent(
            (int)e.RequiredInt64("Id"),
            e.String("LevelDisplayName") ?? "",
            e.Date("TimeCreated") ?? throw e.Error("TimeCreated", "is missing."),
            message,
            code,
            BackupVolumesInfo.BytesTransferred(properties));
    }
}
