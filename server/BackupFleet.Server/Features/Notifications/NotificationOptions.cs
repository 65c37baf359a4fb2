namespace BackupFleet.Server.Features.Notifications;

/// <summary>How notifications are sent (settings section "Notifications"); who gets what is in the rules (dashboard or API).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Waits before each new attempt of a failed delivery; after the last one it is Failed. Default 10 s, 1 min, 5 min, 30 min, 2 h.</summary>
    public TimeSpan[]? RetryDelays { get; set; }

    /// <summary>After a rule sends an alert, further alerts for it wait this long and then go out as one message. 0 sends each at once.</summary>
    public TimeSpan Throttle { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>When the daily summary is sent, in <see cref="TimeZone"/>.</summary>
    public TimeOnly DailySummaryAt { get; set; } = new(7, 0);

    /// <summary>An IANA or Windows time zone id for <see cref="DailySummaryAt"/>; the server's own zone when empty.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The dashboard's address as people reach it (e.g. https://backup.example.com), for links in messages; paths only when empty.</summary>
    public string? DashboardUrl { get; set; }

    public IReadOnlyList<TimeSpan> Retries =>
        RetryDelays is { Length: > 0 } set ? set : [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    public TimeZoneInfo Zone => string.IsNullOrWhiteSpace(TimeZone) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>An absolute link when the dashboard's address is set, else the path.</summary>
    public string Link(string path) => string.IsNullOrWhiteSpace(DashboardUrl) ? path : DashboardUrl.TrimEnd('/') + path;

    /// <summary>Every problem with the settings, in words that say what to fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (RetryDelays?.Any(d => d <= TimeSpan.Zero) == true)
            problems.Add($"{Section}:RetryDelays must all be positive.");
        if (Throttle < TimeSpan.Zero || Throttle > TimeSpan.FromDays(1))
            problems.Add($"{Section}:Throttle must be between 00:00:00 (no throttling) and 1.00:00:00.");
        if (!string.IsNullOrWhiteSpace(TimeZone))
        {
            try { _ = Zone; }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                problems.Add($"{Section}:TimeZone '{TimeZone}' is not a time zone this server knows; use an IANA id such as Europe/Berlin.");
            }
        }
        if (!string.IsNullOrWhiteSpace(DashboardUrl) && (!Uri.TryCreate(DashboardUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            problems.Add($"{Section}:DashboardUrl must be the dashboard's http or https address, such as https://backup.example.com.");
        return problems;
    }
}
