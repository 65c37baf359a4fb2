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
    /// <summary>A run is already queued or running for the host.</summary>
    public sealed record AlreadyActive(Guid RunId, RunState State) : StartRunResult;
}

/// <summary>Queues a manual run from the host's current policy and hands it to the dispatcher (scheduled runs: DueScheduleFirer).</summary>
public sealed class RunStarter(FleetDb db, RunDispatcher dispatcher, FleetChangeFeed feed, AuditLog audit, TimeProvider clock)
{
    public async Task<StartRunResult> StartAsync(Guid hostId, CancellationToken ct)
    {
        // The host, its policy and its active run in one round trip: each costs milliseconds on a busy machine.
        var active = ActiveRuns(hostId);
        var host = await db.Hosts.AsNoTracking().Where(h => h.Id == hostId)
            .Select(h => new { h.Id, h.Name, h.Policy, Active = active.FirstOrDefault() }).FirstOrDefaultAsync(ct);
        if (host is null)
            return new StartRunResult.HostNotFound();
        if (host.Policy is null)
            return new StartRunResult.NoPolicy();

        // One backup runs per host and at most one waits behind it: a manual run next to an active one is refused.
        if (host.Active is { } running)
            return running;

        var run = NewRun(host.Policy, RunTrigger.Manual, clock.GetUtcNow());
        db.Runs.Add(run);
        audit.Add(AuditActions.RunStarted, AuditTargets.Host(hostId, host.Name), null, new { runId = run.Id, trigger = run.Trigger.ToString() });
        try
        {
            // The run and its audit entry go in one batch, which PostgreSQL runs as one implicit transaction (Npgsql sends a
            // single Sync: a failing statement rolls back the others), so the explicit BEGIN … COMMIT would only add a round trip.
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request queued a run for this host between our check and our insert.
            db.ChangeTracker.Clear();
            return await active.FirstOrDefaultAsync(ct) ?? throw new InvalidOperationException("The run that blocked this one has vanished; try again.", e);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
        }
        feed.PublishRunChanged(new RunChange(run.Id, hostId, run.State));

        await dispatcher.DispatchNextAsync(hostId, ct);
        return new StartRunResult.Started(run.Id);
    }

    /// <summary>A run of the host's policy as it is now, queued at <paramref name="now"/>: how every run begins, whatever started it.</summary>
    public static RunEntity NewRun(BackupPolicyEntity policy, RunTrigger trigger, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        HostId = policy.HostId,
        State = RunState.Queued,
        Trigger = trigger,
        QueuedAt = now,
        StartBy = now.AddMinutes(policy.StartWindowMinutes),
        SpecJson = JsonSerializer.Serialize(policy.ToSpec()),
        TargetServer = RunDispatcher.NasOf(policy.TargetPath),
    };

    /// <summary>The host's queued or running run, oldest first.</summary>
    private IQueryable<StartRunResult.AlreadyActive> ActiveRuns(Guid hostId) =>
        db.Runs.AsNoTracking().Where(r => r.HostId == hostId && (r.State == RunState.Queued || r.State == RunState.Running))
            .OrderBy(r => r.QueuedAt).Select(r => new StartRunResult.AlreadyActive(r.Id, r.State));
}
