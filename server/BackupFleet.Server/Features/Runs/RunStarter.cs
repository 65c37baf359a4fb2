using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Runs;

public abstract record StartRunResult
{
    public sealed record Started(Guid RunId) : StartRunResult;
    public sealed record HostNotFound : StartRunResult;
    public sealed record NoPolicy : StartRunResult;
    /// <summary>A run is already queued or running for the host; one backup per host at a time.</summary>
    public sealed record AlreadyActive(Guid RunId, RunState State) : StartRunResult;
}

/// <summary>Queues a run from the host's current policy and hands it to the dispatcher: the one way runs begin.</summary>
public sealed class RunStarter(FleetDb db, RunDispatcher dispatcher, FleetChangeFeed feed, TimeProvider clock)
{
    public async Task<StartRunResult> StartAsync(Guid hostId, RunTrigger trigger, CancellationToken ct)
    {
        var host = await db.Hosts.AsNoTracking().Where(h => h.Id == hostId).Select(h => new { h.Id, h.Policy }).FirstOrDefaultAsync(ct);
        if (host is null)
            return new StartRunResult.HostNotFound();
        if (host.Policy is null)
            return new StartRunResult.NoPolicy();

        // A manual run next to an active one would only wait behind it; say so instead. Scheduled runs queue.
        if (trigger == RunTrigger.Manual)
        {
            var active = await db.Runs.AsNoTracking()
                .Where(r => r.HostId == hostId && (r.State == RunState.Queued || r.State == RunState.Running))
                .OrderBy(r => r.QueuedAt).Select(r => new { r.Id, r.State }).FirstOrDefaultAsync(ct);
            if (active is not null)
                return new StartRunResult.AlreadyActive(active.Id, active.State);
        }

        var now = clock.GetUtcNow();
        var run = new RunEntity
        {
            Id = Guid.CreateVersion7(now),
            HostId = hostId,
            State = RunState.Queued,
            Trigger = trigger,
            QueuedAt = now,
            StartBy = now.AddMinutes(host.Policy.StartWindowMinutes),
            SpecJson = JsonSerializer.Serialize(host.Policy.ToSpec()),
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync(ct);
        feed.PublishRunChanged(new RunChange(run.Id, hostId, run.State));

        await dispatcher.DispatchNextAsync(hostId, ct);
        return new StartRunResult.Started(run.Id);
    }
}
