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
/// Sends hosts their queued run. Called when runs are queued, when an agent says hello and when a run ends, so an offline
/// host gets its work on reconnect with no polling. Sending twice is harmless: the agent must claim
/// the run (<see cref="ClaimAsync"/>), which succeeds once. On a NAS with a limit (<see cref="DispatchOptions"/>) a run
/// is sent only when a slot is free and no run queued earlier for that NAS could take it.
/// </summary>
public sealed class RunDispatcher(FleetDb db, IHubContext<AgentHub, IAgentClient> hub, IOptions<DispatchOptions> options, TimeProvider clock,
    ILogger<RunDispatcher> log)
{
    /// <summary>The NAS a target path writes to, as runs record it.</summary>
    public static string? NasOf(string targetPath) => UncPaths.Server(targetPath)?.ToLowerInvariant();

    public Task DispatchNextAsync(Guid hostId, CancellationToken ct) => DispatchAsync([hostId], ct);

    /// <summary>
    /// Sends each of these hosts its queued run if it can start now: the agent online, nothing of its own running and, on a
    /// NAS with a limit, a free slot that no run queued earlier could take. A few statements whatever the number of hosts,
    /// so a nightly wave of thousands is sent in seconds. Returns how many runs were sent.
    /// </summary>
    public async Task<int> DispatchAsync(IReadOnlyCollection<Guid> hostIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // At most one run is queued per host (index one_queued_per_host), so these are the hosts' next runs.
        var startable = await Startable(now).Where(r => hostIds.Contains(r.HostId))
            .Select(r => new
            {
                r.Id, r.HostId, r.QueuedAt, r.SpecJson, r.TargetServer,
                ConnectionId = db.Hosts.Where(h => h.Id == r.HostId).Select(h => h.ConnectionId).First(),
            }).ToListAsync(ct);
        var held = new HashSet<Guid>();
        var limited = startable.Select(r => r.TargetServer!).Where(n => options.Value.LimitFor(n) > 0).Distinct().ToList();
        // Each queue read counts what runs on its NAS; with several NAS shares one count first spares reading the queues
        // of those without a free slot (in a wave, most).
        var running = limited.Count > 1 ? await RunningPerNasAsync(limited, ct) : [];
        foreach (var nas in limited)
        {
            var limit = options.Value.LimitFor(nas);
            var turns = running.GetValueOrDefault(nas) >= limit ? [] : await TurnsAsync(nas, limit, now, ct);
            var waiting = startable.Where(r => r.TargetServer == nas && !turns.Contains(r.Id)).ToList();
            held.UnionWith(waiting.Select(r => r.Id));
            if (waiting.Count > 0)
                log.LogDebug("{Count} run(s) wait their turn: {Nas} takes {Limit} backup(s) at a time", waiting.Count, nas, limit);
        }
        var sending = startable.Where(r => !held.Contains(r.Id)).ToList();
        foreach (var run in sending)
        {
            var spec = JsonSerializer.Deserialize<BackupSpec>(run.SpecJson)!;
            // To the connection that said hello last, found at once on whichever node holds it; sending to the host as a
            // SignalR user would make this node compare every one of its connections, for each run of a wave.
            await hub.Clients.Client(run.ConnectionId!).StartBackup(new BackupJob(run.Id, run.QueuedAt, spec));
        }
        // One line per call, not per run: a wave's 10,000 lines would only load the log.
        if (sending.Count > 1)
            log.LogInformation("Dispatched {Count} runs", sending.Count);
        else if (sending.Count == 1)
            log.LogInformation("Dispatched run {RunId} to host {HostId}", sending[0].Id, sending[0].HostId);
        return sending.Count;
    }

    /// <summary>After a run on <paramref name="hostId"/> ended: that host's next run, and the runs that wait for the slot it freed on <paramref name="nas"/>.</summary>
    public async Task DispatchAfterRunEndedAsync(Guid hostId, string? nas, CancellationToken ct)
    {
        var limit = options.Value.LimitFor(nas);
        var waiting = limit > 0
            ? await InTurn(Startable(clock.GetUtcNow()).Where(r => r.TargetServer == nas)).Select(r => r.HostId).Take(limit).ToListAsync(ct)
            : [];
        await DispatchAsync([hostId, .. waiting], ct);
    }

    /// <summary>
    /// Sends again every queued run that could start but has waited longer than <paramref name="olderThan"/>: its agent got it
    /// and could not claim it (the claim failed under load, and the agent forgets such a job), or it was queued while its node
    /// was cut off. Returns how many were sent (those a NAS holds back wait on).
    /// </summary>
    public async Task<int> ResendWaitingAsync(TimeSpan olderThan, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now - olderThan;
        // A NAS with every slot taken sends its next run when one ends; in a wave that is most of them, with thousands waiting.
        var full = (await RunningPerNasAsync(null, ct))
            .Where(n => options.Value.LimitFor(n.Key) > 0 && n.Value >= options.Value.LimitFor(n.Key))
            .Select(n => n.Key).ToList();
        var hosts = await Startable(now).Where(r => r.QueuedAt <= before && (r.TargetServer == null || !full.Contains(r.TargetServer)))
            .Select(r => r.HostId).ToListAsync(ct);
        return hosts.Count == 0 ? 0 : await DispatchAsync(hosts, ct);
    }

    /// <summary>
    /// The agent's claim of a dispatched run, in one round trip (the database function claim_run): on a NAS with a limit it is
    /// made under a lock per NAS, so that two agents cannot both take its last slot, and the lock is held only while the
    /// database works, never across the server's round trips. The per-host unique index keeps one backup per host either way.
    /// </summary>
    public async Task<bool> ClaimAsync(Guid runId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nas = await db.Runs.Where(r => r.Id == runId).Select(r => r.TargetServer).FirstOrDefaultAsync(ct);
        var limit = options.Value.LimitFor(nas);
        var outcome = (await db.Database.SqlQuery<string>($"SELECT claim_run({runId}, {nas}, {limit}, {now}) AS \"Value\"").ToListAsync(ct)).Single();
        if (outcome == "nas-full")
            log.LogInformation("Run {RunId} not claimed: {Nas} already runs its {Limit} backup(s)", runId, nas, limit);
        return outcome == "claimed";
    }

    /// <summary>Why a queued run has not started yet, in the words an operator needs; null when it is not queued or nothing holds it.</summary>
    public async Task<string?> WhyWaitingAsync(Guid runId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId && r.State == RunState.Queued).Select(r => new
        {
            r.TargetServer,
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
        var running = limit > 0 ? await RunningOnNas.CountAsync(r => r.TargetServer == run.TargetServer, ct) : 0;
        if (limit > 0 && !(await TurnsAsync(run.TargetServer!, limit, now, ct)).Contains(runId))
        {
            return $"Waiting for its turn on {run.TargetServer}, which takes {limit} backup{(limit == 1 ? "" : "s")} at a time (Dispatch:Nas): "
                + $"{running} running there now, and runs queued earlier go first.";
        }
        return null;
    }

    /// <summary>
    /// The runs that may start on the NAS now: as many of those waiting, oldest first, as it has free slots of its
    /// <paramref name="limit"/>. One round trip: each row carries the count of what runs there (computed once).
    /// </summary>
    private async Task<HashSet<Guid>> TurnsAsync(string nas, int limit, DateTimeOffset now, CancellationToken ct)
    {
        var first = await InTurn(Startable(now).Where(r => r.TargetServer == nas))
            .Select(r => new { r.Id, Running = RunningOnNas.Count(o => o.TargetServer == nas) }).Take(limit).ToListAsync(ct);
        var free = first.Count == 0 ? 0 : limit - first[0].Running;
        return [.. first.Take(free).Select(r => r.Id)];
    }

    private IQueryable<RunEntity> RunningOnNas => db.Runs.Where(r => r.State == RunState.Running && r.TargetServer != null);

    /// <summary>How many backups each NAS (of <paramref name="only"/>, when given) takes now.</summary>
    private Task<Dictionary<string, int>> RunningPerNasAsync(List<string>? only, CancellationToken ct) =>
        (only is null ? RunningOnNas : RunningOnNas.Where(r => only.Contains(r.TargetServer!)))
            .GroupBy(r => r.TargetServer!).Select(g => new { Nas = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Nas, g => g.Count, ct);

    /// <summary>The order runs take a NAS's slots: first queued first; a wave queued at one instant by id.</summary>
    private static IOrderedQueryable<RunEntity> InTurn(IQueryable<RunEntity> runs) => runs.OrderBy(r => r.QueuedAt).ThenBy(r => r.Id);

    /// <summary>Queued runs within their start window whose host could start them now: its agent online, nothing of its own running.</summary>
    private IQueryable<RunEntity> Startable(DateTimeOffset now) => db.Runs.Where(r =>
        r.State == RunState.Queued && r.StartBy > now
        && db.Hosts.Any(h => h.Id == r.HostId && h.ConnectionId != null)
        && !db.Runs.Any(o => o.HostId == r.HostId && o.State == RunState.Running)
        && !db.ProvisioningJobs.Any(p => p.HostId == r.HostId && p.State == ProvisioningState.Running));
}
