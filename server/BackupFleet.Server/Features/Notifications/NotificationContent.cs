using System.Globalization;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Notifications;

public sealed record NotificationHost(Guid Id, string Name);

/// <summary>
/// One notification as it is stored and posted: the facts for programs (host, run, error, finding, agent, summary) and
/// the same in words for people (title, lines, link), which is what an e-mail shows. Sections that do not apply are null.
/// </summary>
public sealed record NotificationContent(string Event, DateTimeOffset At, string Title, IReadOnlyList<string> Lines, string Link, NotificationHost? Host)
{
    public const int MaxTitle = 300;

    /// <summary>The title as the log keeps it.</summary>
    public string ShortTitle => Title.Length <= MaxTitle ? Title : Title[..(MaxTitle - 1)] + "…";

    public object? Run { get; init; }
    public RunErrorView? Error { get; init; }
    public object? Finding { get; init; }
    public object? Agent { get; init; }
    public DailySummary? Summary { get; init; }
}

/// <summary>What the daily summary reports for the hosts of one rule.</summary>
public sealed record DailySummary(DateTimeOffset From, DateTimeOffset To, int Hosts, int Succeeded, SummaryList Failed, SummaryList OutOfRpo, SummaryList Offline);

public sealed record SummaryLine(Guid HostId, string Host, string Detail);

/// <summary>How many there are, and the first of them: a summary of a large fleet stays readable.</summary>
public sealed record SummaryList(int Count, IReadOnlyList<SummaryLine> First)
{
    public const int MaxLines = 50;

    public static SummaryList Of(IReadOnlyCollection<SummaryLine> all) => new(all.Count, all.Take(MaxLines).ToList());
}

/// <summary>Writes each kind of notification: its title, its lines in words, and its facts.</summary>
public sealed class NotificationWriter(NotificationOptions options, DateTimeOffset now)
{
    public string When(DateTimeOffset at)
    {
        var zone = options.Zone;
        return TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + (zone == TimeZoneInfo.Utc ? "UTC" : zone.Id);
    }

    public NotificationContent Run(string notificationEvent, RunEntity run, string hostName, RunErrorView? error)
    {
        var title = notificationEvent switch
        {
            NotificationEvents.RunMissed => $"Backup missed on {hostName}: not started by {When(run.StartBy)}",
            NotificationEvents.RunRecovered => $"Backup succeeded again on {hostName}",
            _ => $"Backup {(run.State == RunState.Interrupted ? "interrupted" : "failed")} on {hostName}" + (error is null ? "" : $": {error.Title}"),
        };
        var lines = new List<string> { $"Host: {hostName}", $"Run: {run.State} ({run.Trigger}), queued {When(run.QueuedAt)}" + (run.FinishedAt is { } f ? $", ended {When(f)}" : "") };
        if (error is not null)
        {
            lines.Add($"Error {error.Code}: {error.Title}");
            lines.Add($"What it means: {error.Explanation}");
            lines.Add($"Fix: {error.Fix}");
        }
        else if (run.ErrorMessage is { } message && notificationEvent != NotificationEvents.RunRecovered)
            lines.Add($"Reason: {message}");
        return new NotificationContent(notificationEvent, now, title, lines, options.Link($"/runs/{run.Id}"), new NotificationHost(run.HostId, hostName))
        {
            Run = new { id = run.Id, state = run.State, trigger = run.Trigger, run.QueuedAt, run.StartBy, run.StartedAt, run.FinishedAt, run.ErrorCode, run.ErrorMessage },
            Error = error,
        };
    }

    public NotificationContent Finding(string notificationEvent, FindingEntity finding, string hostName)
    {
        var title = notificationEvent == NotificationEvents.RpoBreached ? $"RPO breached on {hostName}" : $"{hostName}: {finding.Message}";
        string[] lines = [$"Host: {hostName}", $"Found: {finding.Message} ({finding.Check} on {finding.Subject}, since {When(finding.FirstSeenAt)})", $"Fix: {finding.Fix}"];
        return new NotificationContent(notificationEvent, now, title, lines, options.Link($"/hosts/{finding.HostId}"), new NotificationHost(finding.HostId, hostName))
        {
            Finding = new { id = finding.Id, check = finding.Check, severity = finding.Severity, subject = finding.Subject, message = finding.Message, fix = finding.Fix, finding.FirstSeenAt },
        };
    }

    public NotificationContent AgentOffline(Guid hostId, string hostName, DateTimeOffset lastSeenAt)
    {
        var away = (int)(now - lastSeenAt).TotalMinutes;
        string[] lines =
        [
            $"Host: {hostName}", $"Last seen: {When(lastSeenAt)} ({away} minutes ago)",
            "Scheduled backups of this host cannot start while its agent is away.",
            "Fix: check that the host is running, that the BackupFleet Agent service is started (services.msc), and that the host reaches the server.",
        ];
        return new NotificationContent(NotificationEvents.AgentOffline, now, $"Agent offline on {hostName} for {away} minutes", lines, options.Link($"/hosts/{hostId}"),
            new NotificationHost(hostId, hostName))
        {
            Agent = new { lastSeenAt, minutesAway = away },
        };
    }

    public NotificationContent Summary(DailySummary summary, string? hostTag)
    {
        var scope = hostTag is null ? "all hosts" : $"hosts tagged {hostTag}";
        var title = $"Daily summary ({scope}): {summary.Succeeded} backups, {summary.Failed.Count} failed, {summary.OutOfRpo.Count} out of RPO";
        var lines = new List<string>
        {
            $"From {When(summary.From)} to {When(summary.To)}, {summary.Hosts} hosts ({scope}).",
            $"Backups succeeded: {summary.Succeeded}",
        };
        Section(lines, "Failed, interrupted or missed", summary.Failed);
        Section(lines, "Out of RPO", summary.OutOfRpo);
        Section(lines, "Agent offline", summary.Offline);
        if (summary.Failed.Count == 0 && summary.OutOfRpo.Count == 0 && summary.Offline.Count == 0)
            lines.Add("Nothing needs you: every host is backed up within its RPO.");
        return new NotificationContent(NotificationEvents.DailySummary, now, title, lines, options.Link("/"), null) { Summary = summary };
    }

    private static void Section(List<string> lines, string heading, SummaryList list)
    {
        if (list.Count == 0)
            return;
        lines.Add($"{heading} ({list.Count}):");
        lines.AddRange(list.First.Select(i => $"  {i.Host}: {i.Detail}"));
        if (list.Count > list.First.Count)
            lines.Add($"  … and {list.Count - list.First.Count} more (see the dashboard)");
    }

    public NotificationContent Test(NotificationRuleEntity rule) => new(NotificationEvents.Test, now, $"Test notification from BackupFleet (rule '{rule.Name}')",
        [$"This is a test sent from the Notifications page for the rule '{rule.Name}'.",
         $"The rule sends: {string.Join(", ", rule.Events.Select(NotificationEvents.Describe))}, for {(rule.HostTag is null ? "every host" : $"hosts tagged {rule.HostTag}")}."],
        options.Link("/notifications"), null);
}
