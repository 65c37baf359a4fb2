using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Runs;

/// <summary>What a policy's Hangfire recurring job runs when its cron fires.</summary>
public sealed class ScheduledBackupJob(RunStarter starter, ILogger<ScheduledBackupJob> log)
{
    public async Task FireAsync(Guid hostId, CancellationToken ct)
    {
        var result = await starter.StartAsync(hostId, RunTrigger.Schedule, ct);
        if (result is StartRunResult.AlreadyActive active)
            log.LogWarning("Scheduled backup of host {HostId} skipped: run {RunId} is still waiting to start", hostId, active.RunId);
        else if (result is not StartRunResult.Started)
            log.LogWarning("Scheduled backup of host {HostId} not queued: {Result}", hostId, result);
    }
}
