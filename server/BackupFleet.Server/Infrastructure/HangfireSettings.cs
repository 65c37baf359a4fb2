using System.ComponentModel.DataAnnotations;

namespace BackupFleet.Server.Infrastructure;

/// <summary>How often Hangfire looks for its due recurring jobs (the sweeps) and queued jobs; tests shorten both.</summary>
public sealed class HangfireSettings
{
    public const string Section = "Hangfire";

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
