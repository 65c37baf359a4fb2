using BackupFleet.Server.Data;
using Cronos;

namespace BackupFleet.Server.Features.Policies;

/// <summary>Reads a policy's cron expression in its time zone: the one reading the scheduler, the policy editor and the fleet rules use.</summary>
public static class PolicySchedule
{
    public static bool TryParseCron(string? cron, out CronExpression? expression) =>
        CronExpression.TryParse(cron ?? "", CronFormat.Standard, out expression);

    public static bool TryFindTimeZone(string? id, out TimeZoneInfo? zone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "", out zone);

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="from"/>, or none when the policy cannot be read.</summary>
    public static IReadOnlyList<DateTimeOffset> NextOccurrences(string cron, string timeZone, DateTimeOffset from, int count) =>
        Occurrences(cron, timeZone, from).Take(count).ToList();

    /// <summary>Fire times after <paramref name="from"/>, computed as they are read.</summary>
    private static IEnumerable<DateTimeOffset> Occurrences(string cron, string timeZone, DateTimeOffset from)
    {
        if (!TryParseCron(cron, out var expression) || !TryFindTimeZone(timeZone, out var zone))
            yield break;
        for (var cursor = from; expression!.GetNextOccurrence(cursor, zone!) is { } next; cursor = next)
            yield return next;
    }

    public static DateTimeOffset? Next(string cron, string timeZone, DateTimeOffset from) =>
        NextOccurrences(cron, timeZone, from, 1) is [var next] ? next : null;

    /// <summary>What the policy's <see cref="BackupPolicyEntity.NextRunAt"/> is after <paramref name="from"/>: its next fire in UTC, null while disabled or unreadable.</summary>
    public static DateTimeOffset? NextRunAt(BackupPolicyEntity policy, DateTimeOffset from) =>
        policy.Enabled ? Next(policy.Schedule, policy.TimeZone, from)?.ToUniversalTime() : null;

    // Two weeks of fires show a daily or weekly pattern; 500 stops an every-minute schedule from costing much.
    private static readonly TimeSpan GapHorizon = TimeSpan.FromDays(14);
    private const int MaxGapSamples = 500;

    /// <summary>The shortest and longest time between two fires over the coming two weeks; null when it fires less than twice.</summary>
    public static (TimeSpan Shortest, TimeSpan Longest)? Gaps(string cron, string timeZone, DateTimeOffset from)
    {
        var fires = Occurrences(cron, timeZone, from).Take(MaxGapSamples).TakeWhile(t => t <= from + GapHorizon).ToList();
        if (fires.Count < 2)
        {
            // A monthly or rarer schedule: measure between its next two fires, however far apart.
            fires = [.. NextOccurrences(cron, timeZone, from, 2)];
            if (fires.Count < 2)
                return null;
        }
        var gaps = fires.Zip(fires.Skip(1), (a, b) => b - a).ToList();
        return (gaps.Min(), gaps.Max());
    }
}
