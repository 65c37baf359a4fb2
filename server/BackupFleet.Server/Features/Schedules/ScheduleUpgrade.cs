using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Policies;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Schedules;

/// <summary>
/// Brings schedules saved by older versions over, at start: each policy then had its own Hangfire recurring job
/// ("policy:{hostId}", whose class is gone) and no next run time. Finds nothing to do once done.
/// </summary>
public static class ScheduleUpgrade
{
    private const string LegacyJobPrefix = "policy:";

    public static async Task RunAsync(FleetDb db, JobStorage storage, IRecurringJobManager jobs, TimeProvider clock, CancellationToken ct)
    {
        using (var connection = storage.GetConnection())
        {
            foreach (var id in connection.GetAllItemsFromSet("recurring-jobs").Where(id => id.StartsWith(LegacyJobPrefix, StringComparison.Ordinal)))
                jobs.RemoveIfExists(id);
        }

        var now = clock.GetUtcNow();
        var unscheduled = await db.Policies.Where(p => p.Enabled && p.NextRunAt == null).ToListAsync(ct);
        foreach (var policy in unscheduled)
            policy.NextRunAt = PolicySchedule.NextRunAt(policy, now);
        await db.SaveChangesAsync(ct);
    }
}
