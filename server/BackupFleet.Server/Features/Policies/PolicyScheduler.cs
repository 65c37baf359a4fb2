using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Runs;
using Hangfire;

namespace BackupFleet.Server.Features.Policies;

/// <summary>Keeps one Hangfire recurring job per enabled policy, fired in the policy's time zone.</summary>
public sealed class PolicyScheduler(IRecurringJobManager jobs)
{
    public static string JobId(Guid hostId) => $"policy:{hostId}";

    public void Apply(BackupPolicyEntity policy)
    {
        if (!policy.Enabled)
        {
            Remove(policy.HostId);
            return;
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone);
        var hostId = policy.HostId;
        jobs.AddOrUpdate<ScheduledBackupJob>(
            JobId(hostId), job => job.FireAsync(hostId, CancellationToken.None), policy.Schedule,
            new RecurringJobOptions { TimeZone = zone });
    }

    public void Remove(Guid hostId) => jobs.RemoveIfExists(JobId(hostId));
}
