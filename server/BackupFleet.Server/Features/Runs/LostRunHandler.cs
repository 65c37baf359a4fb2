using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Runs;

/// <summary>
/// When an agent says hello, a run the server still has as Running on that host but the agent is neither executing nor
/// about to deliver from its journal was lost (agent reinstalled, journal gone, or the claim lost): it ends as
/// Interrupted, never as a success, and frees the host.
/// </summary>
public sealed class LostRunHandler(FleetDb db, RunDispatcher dispatcher, NotificationOutbox notifications, FleetChangeFeed feed, TimeProvider clock,
    ILogger<LostRunHandler> log)
{
    public const string LostMessage =
        "The agent reconnected without this run (it restarted or lost the run part-way), so the backup's result is unknown: do not rely on it. "
        + "Check that the target VHDX is dismounted and run the backup again.";

    public async Task InterruptLostRunsAsync(Guid hostId, Guid? activeRunId, IReadOnlyList<Guid> journaledRunIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var kept = journaledRunIds.Append(activeRunId ?? Guid.Empty).ToArray();
        var lostRuns = await db.Runs
            .Where(r => r.HostId == hostId && r.State == RunState.Running && !kept.Contains(r.Id))
            .Select(r => new { r.Id, r.TargetServer }).ToListAsync(ct);
        if (lostRuns.Count == 0)
            return;
        var lost = lostRuns.Select(r => r.Id).ToList();
        await db.Runs.Where(r => lost.Contains(r.Id) && r.State == RunState.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, RunState.Interrupted)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.ErrorMessage, LostMessage), ct);
        foreach (var runId in lost)
        {
            log.LogWarning("Run {RunId} of host {HostId} was lost by its agent; marked Interrupted", runId, hostId);
            feed.PublishRunChanged(new RunChange(runId, hostId, RunState.Interrupted));
            await notifications.RunEndedAsync(runId, ct);
        }
        // The slots they held on their NAS are free again.
        foreach (var nas in lostRuns.Select(r => r.TargetServer).Distinct())
            await dispatcher.DispatchAfterRunEndedAsync(hostId, nas, ct);
    }
}
