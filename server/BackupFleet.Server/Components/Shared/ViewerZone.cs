using System.Globalization;

namespace BackupFleet.Server.Components.Shared;

/// <summary>
/// The time zone times are shown in: the browser's own (its IANA id), or UTC, labelled as such, until the browser has said
/// or when this server does not know the zone it named. Cascaded from the layout to every <see cref="When"/>.
/// </summary>
/// <param name="Name">The IANA id the browser gave, or "UTC".</param>
/// <param name="Label">How the app bar names it, e.g. "Europe/Berlin" or "UTC (browser zone not known)".</param>
public sealed record ViewerZone(TimeZoneInfo Zone, string Name, string Label)
{
    public static ViewerZone Utc { get; } = new(TimeZoneInfo.Utc, "UTC", "UTC (browser zone not known yet)");

    /// <summary>The zone for the browser's IANA id; UTC, saying why, when there is none or this server's zone data lacks it.</summary>
    public static ViewerZone FromBrowser(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || ianaId.Length > 100)
            return Utc with { Label = "UTC (the browser named no time zone)" };
        try
        {
            return new ViewerZone(TimeZoneInfo.FindSystemTimeZoneById(ianaId), ianaId, ianaId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return Utc with { Label = $"UTC (time zone {ianaId} not known here)" };
        }
    }

    /// <summary>The wall-clock time in this zone.</summary>
    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary>The zone at that moment, short: "UTC" for UTC itself, else its offset, e.g. "UTC+1", "UTC+5:30", "UTC-3".</summary>
    public string Abbreviation(DateTimeOffset at)
    {
        if (Zone == TimeZoneInfo.Utc)
            return "UTC";
        var offset = Zone.GetUtcOffset(at);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return "UTC" + sign + abs.Hours.ToString(CultureInfo.InvariantCulture) + (abs.Minutes == 0 ? "" : ":" + abs.Minutes.ToString("00", CultureInfo.InvariantCulture));
    }
}
