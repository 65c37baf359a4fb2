using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Agents;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Runs;

/// <summary>
/// Sends a host's oldest queued run to its agent. Called when a run is queued, when the agent says hello and
/// when a run ends, so an offline host gets its work on reconnect with no polling. Sending twice is harmless:
/// the agent must claim the run with AcceptJob, which succeeds once.
/// </summary>
public sealed class RunDispatcher(FleetDb db, IHubContext<AgentHub, IAgentClient> hub, TimeProvider clock, ILogger<RunDispatcher> log)
{
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
                .OrderBy(r => r.QueuedAt).Select(r => new { r.Id, r.QueuedAt, r.SpecJson }).FirstOrDefault(),
        }).FirstOrDefaultAsync(ct);
        if (state is not { Online: true, Busy: false, Next: not null })
            return;

        var spec = JsonSerializer.Deserialize<BackupSpec>(state.Next.SpecJson)!;
        log.LogInformation("Dispatching run {RunId} to host {HostId}", state.Next.Id, hostId);
        await hub.Clients.User(hostId.ToString()).StartBackup(new BackupJob(state.Next.Id, state.Next.QueuedAt, spec));
    }
}
