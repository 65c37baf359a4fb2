using BackupFleet.Server.Features.Runs;
using Hangfire;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>The jobs a host's backup schedule fired, as Hangfire's storage keeps them, grouped by the occurrence they were fired for.</summary>
public static class ScheduleOccurrences
{
    /// <summary>
    /// One list per occurrence, of the jobs fired for it. The occurrence is the "Time" Hangfire's recurring scheduler stamps on
    /// each job it creates, not when it got round to it: on a loaded machine a late job must not count for the next occurrence.
    /// </summary>
    public static List<List<string>> Of(JobStorage storage, Guid hostId)
    {
        var monitor = storage.GetMonitoringApi();
        return monitor.SucceededJobs(0, 1000).Select(j => j.Key)
            .Concat(monitor.ProcessingJobs(0, 1000).Select(j => j.Key))
            .Concat(monitor.EnqueuedJobs("default", 0, 1000).Select(j => j.Key))
            .Select(id => (Id: id, Details: monitor.JobDetails(id)))
            .Where(j => j.Details.Job.Method.Name == nameof(ScheduledBackupJob.FireAsync) && Equals(j.Details.Job.Args[0], hostId))
            .GroupBy(j => j.Details.Properties["Time"], j => j.Id)
            .Select(g => g.ToList())
            .ToList();
    }
}
