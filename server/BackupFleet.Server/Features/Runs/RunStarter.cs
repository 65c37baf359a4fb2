using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using BackupFleet.Server.Features.Audit;

namespace BackupFleet.Server.Features.Runs;

public abstract record StartRunResult
{
    public sealed record Started(Guid RunId) : StartRunResult;
    public sealed record HostNotFound : StartRunResult;
    public sealed record NoPolicy : StartRunResult;
    /// <summary>A run is already active for the host (queued or running for a manual run, queued for a scheduled one).</summary>
    public sealed record AlreadyActive(Guid RunId, RunState State) : StartRunResult;
}

/// <summary>Queues a run from the host's current policy and hands it to the dispatcher: the one way runs begin.</summary>
public sealed class RunStarter(FleetDb db, RunDispatcher dispatcher, FleetChangeFeed feed, AuditLog audit, TimeProvider clock)
{
    public async Task<StartRunResult> StartAsync(Guid hostId, RunTrigger trigger, CancellationToken ct)
    {
        var host = await db.Hosts.AsNoTracking().Where(h => h.Id == hostId).Select(h => new { h.Id, h.Name, h.Policy }).FirstOrDefaultAsync(ct);
        if (host is null)
            return new StartRunResult.HostNotFound();
        if (host.Policy is null)
            return new StartRunResult.NoPolicy();

        // One backup runs per host and at most one waits behind it: a manual run next to an active one is refused,
        // a scheduled one queues behind a running backup but not behind another waiting one.
        if (await ActiveRunAsync(hostId, trigger == RunTrigger.Manual ? null : RunState.Queued, ct) is { } active)
            return active;

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
            TargetServer = RunDispatcher.NasOf(host.Policy.TargetPath),
        };
        db.Runs.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request queued a run for this host between our check and our insert.
            return await ActiveRunAsync(hostId, null, ct) ?? throw new InvalidOperationException("The run that blocked this one has vanished; try again.", e);
        }
        feed.PublishRunChanged(new RunChange(run.Id, hostId, run.State));
        await audit.RecordAsync(AuditActions.RunStarted, AuditTargets.Host(hostId, host.Name), null, new { runId = run.Id, trigger = trigger.ToString() }, ct);

        await dispatcher.DispatchNextAsync(hostId, ct);
        return new StartRunResult.Started(run.Id);
    }

    /// <summary>The host's queued (or, with <paramref name="only"/> null, queued or running) run, oldest first.</summary>
    private async Task<StartRunResult.AlreadyActive?> ActiveRunAsync(Guid hostId, RunState? only, CancellationToken ct)
    {
        var active = await db.Runs.AsNoTracking()
            .Where(r => r.HostId == hostId && (only == null ? r.State == RunState.Queued || r.State == RunState.Running : r.State == only))
            .OrderBy(r => r.QueuedAt).Select(r => new { r.Id, r.State }).FirstOrDefaultAsync(ct);
        return active is null ? null : new StartRunResult.AlreadyActive(active.Id, active.State);
    }
}
