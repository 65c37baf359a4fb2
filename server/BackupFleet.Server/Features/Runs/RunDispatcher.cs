using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Agents;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Runs;

/// <summary>
/// Sends a host's oldest queued run to its agent. Called when a run is queued, when the agent says hello and when a run
/// ends, so an offline host gets its work on reconnect with no polling. Sending twice is harmless: the agent must claim
/// the run (<see cref="ClaimAsync"/>), which succeeds once. On a NAS with a limit (<see cref="DispatchOptions"/>) a run
/// is sent only when a slot is free and no run queued earlier for that NAS could take it.
/// </summary>
public sealed class RunDispatcher(FleetDb db, IHubContext<AgentHub, IAgentClient> hub, IOptions<DispatchOptions> options, TimeProvider clock,
    ILogger<RunDispatcher> log)
{
    /// <summary>The NAS a target path writes to, as runs record it.</summary>
    public static string? NasOf(string targetPath) => UncPaths.Server(targetPath)?.ToLowerInvariant();

    public async Task DispatchNextAsync(Guid hostId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var state = await db.Hosts.AsNoTracking().Where(h => h.Id == hostId).Select(h => new
        {
            Online = h.ConnectionId != null,
            // A target being created holds backups back: both would use the same drive letter and share.
            Busy = db.Runs.Any(r => r.HostId == hostId && r.State == RunState.Running)
                || db.ProvisioningJobs.Any(p => p.HostId == hostId && p.State == ProvisioningState.Running),
            Next = db.Runs.Where(r => r.HostId == hostId && r.State == RunState.Queued && r.StartBy > now)
                .OrderBy(r => r.QueuedAt).Select(r => new { r.Id, r.QueuedAt, r.SpecJson, r.TargetServer }).FirstOrDefault(),
        }).FirstOrDefaultAsync(ct);
        if (state is not { Online: true, Busy: false, Next: { } next })
            return;

        var limit = options.Value.LimitFor(next.TargetServer);
        if (limit > 0 && !await HasTurnAsync(next.TargetServer!, next.QueuedAt, limit, now, ct))
        {
            log.LogInformation("Run {RunId} of host {HostId} waits its turn: {Nas} takes {Limit} backup(s) at a time", next.Id, hostId, next.TargetServer, limit);
            return;
        }
        var spec = JsonSerializer.Deserialize<BackupSpec>(next.SpecJson)!;
        log.LogInformation("Dispatching run {RunId} to host {HostId}", next.Id, hostId);
        await hub.Clients.User(hostId.ToString()).StartBackup(new BackupJob(next.Id, next.QueuedAt, spec));
    }

    /// <summary>After a run on <paramref name="hostId"/> ended: that host's next run, then the runs that wait for the slot it freed on <paramref name="nas"/>.</summary>
    public async Task DispatchAfterRunEndedAsync(Guid hostId, string? nas, CancellationToken ct)
    {
        await DispatchNextAsync(hostId, ct);
        var limit = options.Value.LimitFor(nas);
        if (limit <= 0)
            return;
        var waiting = await Waiting(nas!, clock.GetUtcNow()).OrderBy(r => r.QueuedAt).Select(r => r.HostId).Take(limit).ToListAsync(ct);
        foreach (var other in waiting.Where(h => h != hostId))
            await DispatchNextAsync(other, ct);
    }

    /// <summary>
    /// The agent's claim of a dispatched run. On a NAS with a limit it is made under a lock per NAS, so that two agents
    /// cannot both take its last slot; the per-host unique index keeps one backup per host either way.
    /// </summary>
    public async Task<bool> ClaimAsync(Guid runId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nas = await db.Runs.Where(r => r.Id == runId).Select(r => r.TargetServer).FirstOrDefaultAsync(ct);
        var limit = options.Value.LimitFor(nas);
        await using var transaction = limit > 0 ? await db.Database.BeginTransactionAsync(ct) : null;
        if (limit > 0)
        {
            await db.Database.LockUntilCommitAsync("nas:" + nas, ct);
            if (await RunningOn(nas!).CountAsync(ct) >= limit)
            {
                log.LogInformation("Run {RunId} not claimed: {Nas} already runs its {Limit} backup(s)", runId, nas, limit);
                return false;
            }
        }
        var claimed = await db.Runs
            .Where(r => r.Id == runId && r.State == RunState.Queued && r.StartBy > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Running).SetProperty(r => r.StartedAt, now), ct) == 1;
        if (transaction is not null)
            await transaction.CommitAsync(ct);
        return claimed;
    }

    /// <summary>Why a queued run has not started yet, in the words an operator needs; null when it is not queued or nothing holds it.</summary>
    public async Task<string?> WhyWaitingAsync(Guid runId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId && r.State == RunState.Queued).Select(r => new
        {
            r.TargetServer,
            r.QueuedAt,
            Online = db.Hosts.Any(h => h.Id == r.HostId && h.ConnectionId != null),
            OwnRunning = db.Runs.Any(o => o.HostId == r.HostId && o.State == RunState.Running),
            Provisioning = db.ProvisioningJobs.Any(p => p.HostId == r.HostId && p.State == ProvisioningState.Running),
        }).FirstOrDefaultAsync(ct);
        if (run is null)
            return null;
        if (!run.Online)
            return "The host's agent is offline: the backup starts when it connects within the policy's start window, and is Missed after that.";
        if (run.OwnRunning)
            return "Another backup of this host is running; this one starts when it has ended.";
        if (run.Provisioning)
            return "A backup target is being created on this host; the backup starts when that has ended.";
        var limit = options.Value.LimitFor(run.TargetServer);
        if (limit > 0 && !await HasTurnAsync(run.TargetServer!, run.QueuedAt, limit, now, ct))
        {
            var running = await RunningOn(run.TargetServer!).CountAsync(ct);
            return $"Waiting for its turn on {run.TargetServer}, which takes {limit} backup{(limit == 1 ? "" : "s")} at a time (Dispatch:Nas): "
                + $"{running} running there now, and runs queued earlier go first.";
        }
        return null;
    }

    /// <summary>A slot on the NAS is free for this run: what runs there plus what was queued earlier and could start now stays under the limit.</summary>
    private async Task<bool> HasTurnAsync(string nas, DateTimeOffset queuedAt, int limit, DateTimeOffset now, CancellationToken ct)
    {
        var running = await RunningOn(nas).CountAsync(ct);
        var earlier = running < limit ? await Waiting(nas, now).CountAsync(r => r.QueuedAt < queuedAt, ct) : 0;
        return running + earlier < limit;
    }

    private IQueryable<RunEntity> RunningOn(string nas) => db.Runs.Where(r => r.TargetServer == nas && r.State == RunState.Running);

    /// <summary>Queued runs for the NAS whose host could start them now: its agent online, nothing of its own running.</summary>
    private IQueryable<RunEntity> Waiting(string nas, DateTimeOffset now) => db.Runs.Where(r =>
        r.TargetServer == nas && r.State == RunState.Queued && r.StartBy > now
        && db.Hosts.Any(h => h.Id == r.HostId && h.ConnectionId != null)
        && !db.Runs.Any(o => o.HostId == r.HostId && o.State == RunState.Running)
        && !db.ProvisioningJobs.Any(p => p.HostId == r.HostId && p.State == ProvisioningState.Running));
}
