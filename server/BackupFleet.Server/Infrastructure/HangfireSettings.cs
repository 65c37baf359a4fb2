using System.ComponentModel.DataAnnotations;

namespace BackupFleet.Server.Infrastructure;

/// <summary>How often Hangfire looks for due schedules and queued jobs; tests shorten both.</summary>
public sealed class HangfireSettings
{
    public const string Section = "Hangfire";

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many due schedules are fired at once. One at a time, a nightly wave of 10,000 policies in the same minute takes
    /// Hangfire many minutes to fire; each in parallel uses a database connection of its own.
    /// </summary>
    [Range(1, 64)]
    public int SchedulerParallelism { get; set; } = 8;
}
