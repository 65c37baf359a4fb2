namespace BackupFleet.Server.Features.Notifications;

/// <summary>What happened, as webhooks receive it in X-BackupFleet-Event and the body's "event".</summary>
public static class NotificationEvents
{
    /// <summary>A run ended Failed or Interrupted: no backup was made.</summary>
    public const string RunFailed = "run.failed";
    /// <summary>A scheduled run was not started within its start window.</summary>
    public const string RunMissed = "run.missed";
    /// <summary>A run succeeded after the host's last run had failed, been interrupted or missed: the all-clear.</summary>
    public const string RunRecovered = "run.recovered";

    public static readonly IReadOnlyList<string> All = [RunFailed, RunMissed, RunRecovered];
}

/// <summary>Where notifications go (settings section "Notifications").</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Webhooks by name, e.g. Notifications:Webhooks:ops:Url.</summary>
    public Dictionary<string, WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>Waits before each new attempt of a failed delivery; after the last one it is Failed. Default 10 s, 1 min, 5 min, 30 min, 2 h.</summary>
    public TimeSpan[]? RetryDelays { get; set; }

    public IReadOnlyList<TimeSpan> Retries =>
        RetryDelays is { Length: > 0 } set ? set : [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>Every problem with the settings, in words that say what to fix; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, hook) in Webhooks)
        {
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                problems.Add($"{Section}:Webhooks:{name}:Url must be an http or https address.");
            if (hook.Secret is not { Length: >= 16 })
                problems.Add($"{Section}:Webhooks:{name}:Secret must be at least 16 characters: receivers check the signature with it.");
            foreach (var e in hook.Events.Where(e => !NotificationEvents.All.Contains(e)))
                problems.Add($"{Section}:Webhooks:{name}:Events has '{e}'; the events are {string.Join(", ", NotificationEvents.All)}.");
        }
        if (RetryDelays?.Any(d => d <= TimeSpan.Zero) == true)
            problems.Add($"{Section}:RetryDelays must all be positive.");
        return problems;
    }
}

/// <param name="Events">The events it wants; empty for all.</param>
public sealed class WebhookOptions
{
    public string? Url { get; set; }
    public string? Secret { get; set; }
    public List<string> Events { get; set; } = [];

    public bool Wants(string notificationEvent) => Events.Count == 0 || Events.Contains(notificationEvent);
}
