using Cronos;

namespace BackupFleet.Server.Features.Policies;

/// <summary>Reads a policy's cron expression in its time zone, the same way Hangfire will fire it.</summary>
public static class PolicySchedule
{
    public static bool TryParseCron(string? cron, out CronExpression? expression) =>
        CronExpression.TryParse(cron ?? "", CronFormat.Standard, out expression);

    public static bool TryFindTimeZone(string? id, out TimeZoneInfo? zone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "", out zone);

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="from"/>, or none when the policy cannot be read.</summary>
    public static IReadOnlyList<DateTimeOffset> NextOccurrences(string cron, string timeZone, DateTimeOffset from, int count)
    {
        if (!TryParseCron(cron, out var expression) || !TryFindTimeZone(timeZone, out var zone))
            return [];
        var result = new List<DateTimeOffset>(count);
        var cursor = from;
        while (result.Count < count && expression!.GetNextOccurrence(cursor, zone!) is { } next)
        {
            result.Add(next);
            cursor = next;
        }
        return result;
    }

    public static DateTimeOffset? Next(string cron, string timeZone, DateTimeOffset from) =>
        NextOccurrences(cron, timeZone, from, 1) is [var next] ? next : null;
}
