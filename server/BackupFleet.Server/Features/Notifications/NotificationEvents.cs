namespace BackupFleet.Server.Features.Notifications;

/// <summary>What happened, as rules choose it, webhooks receive it in X-BackupFleet-Event and the body's "event".</summary>
public static class NotificationEvents
{
    /// <summary>A run ended Failed or Interrupted: no backup was made.</summary>
    public const string RunFailed = "run.failed";
    /// <summary>A scheduled run was not started within its start window.</summary>
    public const string RunMissed = "run.missed";
    /// <summary>A run succeeded after the host's last run had failed, been interrupted or missed: the all-clear.</summary>
    public const string RunRecovered = "run.recovered";
    /// <summary>A host went longer than its RPO without a successful backup (the rpo-breached finding opened).</summary>
    public const string RpoBreached = "rpo.breached";
    /// <summary>A check found a new problem of severity error: a backup or restore will fail until it is fixed.</summary>
    public const string FindingError = "finding.error";
    /// <summary>An agent has not been connected for longer than the rule's minutes.</summary>
    public const string AgentOffline = "agent.offline";
    /// <summary>Once a day: what ran, what failed, what is out of RPO.</summary>
    public const string DailySummary = "summary.daily";
    /// <summary>Sent by "Send test"; no rule chooses it.</summary>
    public const string Test = "test";

    /// <summary>The events a rule can choose.</summary>
    public static readonly IReadOnlyList<string> All = [RunFailed, RunMissed, RunRecovered, RpoBreached, FindingError, AgentOffline, DailySummary];

    /// <summary>Alerts go out at once and then at most once per throttle window per rule, together; the summary and tests always alone.</summary>
    public static bool IsAlert(string notificationEvent) => notificationEvent is not (DailySummary or Test);

    public static string Describe(string notificationEvent) => notificationEvent switch
    {
        RunFailed => "Run failed or interrupted",
        RunMissed => "Run missed",
        RunRecovered => "Run recovered after a failure",
        RpoBreached => "RPO breached",
        FindingError => "New error finding",
        AgentOffline => "Agent offline",
        DailySummary => "Daily summary",
        Test => "Test",
        _ => notificationEvent,
    };
}
