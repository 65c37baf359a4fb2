using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Shared.Provisioning;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Provisioning;

/// <summary>Stores what agents report about provisioning jobs, and ends the jobs an agent came back without.</summary>
public sealed class ProvisioningReports(FleetDb db, RunDispatcher dispatcher, FleetChangeFeed feed, TimeProvider clock, ILogger<ProvisioningReports> log)
{
    /// <summary>Enough for the steps of the largest target (32 resize steps) and their warnings, with room to spare.</summary>
    public const int MaxLines = 500;

    public const string LostMessage =
        "The agent reconnected without this job (it restarted part-way), so the target may be half made: look at the share, delete a "
        + "partial file if there is one, and start again.";

    public async Task ApplyAsync(Guid hostId, ProvisioningUpdate update, CancellationToken ct)
    {
        var job = await db.ProvisioningJobs.FirstOrDefaultAsync(p => p.Id == update.JobId, ct)
            ?? throw new HubException($"Provisioning job {update.JobId} does not exist.");
        if (job.HostId != hostId)
        {
            log.LogWarning("Refused: agent of host {Caller} reported on provisioning job {JobId} of host {Owner}", hostId, job.Id, job.HostId);
            throw new OtherHostsJobException($"Provisioning job {update.JobId} belongs to another host.", job.HostId);
        }
        if (job.State != ProvisioningState.Running)
            return; // ended already: a resend of the end, or a report after the job was given up as lost

        // A resend after a lost answer overlaps what is stored: keep only the lines past the stored ones.
        var fresh = update.Lines.Skip(job.Lines.Count - update.FirstLine).Take(MaxLines - job.Lines.Count);
        if (update.FirstLine <= job.Lines.Count)
            job.Lines = [.. job.Lines, .. fresh];
        if (update.State != ProvisioningState.Running)
        {
            job.State = update.State;
            job.Error = update.Error;
            job.FinishedAt = clock.GetUtcNow();
            log.LogInformation("Provisioning {JobId} of host {HostId} {State}{Error}", job.Id, hostId, job.State, job.Error is null ? "" : ": " + job.Error);
        }
        await db.SaveChangesAsync(ct);
        feed.PublishHostChanged(hostId);
        // Backups were held back while the job ran.
        if (job.State != ProvisioningState.Running)
            await dispatcher.DispatchNextAsync(hostId, ct);
    }

    /// <summary>An agent reported on another host's job; the hub audits and refuses it.</summary>
    public sealed class OtherHostsJobException(string message, Guid owner) : Exception(message)
    {
        public Guid Owner { get; } = owner;
    }

    public async Task FailLostJobsAsync(Guid hostId, Guid? activeJobId, CancellationToken ct)
    {
        var failed = await db.ProvisioningJobs
            .Where(p => p.HostId == hostId && p.State == ProvisioningState.Running && p.Id != activeJobId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, ProvisioningState.Failed)
                .SetProperty(p => p.Error, LostMessage)
                .SetProperty(p => p.FinishedAt, clock.GetUtcNow()), ct);
        if (failed > 0)
        {
            log.LogWarning("Host {HostId}: {Count} provisioning job(s) lost by the agent, marked Failed", hostId, failed);
            feed.PublishHostChanged(hostId);
        }
    }
}
