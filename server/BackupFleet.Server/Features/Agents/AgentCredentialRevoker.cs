using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Server.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Agents;

/// <summary>
/// Takes a host's agent off the server: its credentials are revoked and its open connection closed at once. The host, its
/// policy and history stay; the agent comes back only with a new enrollment token for this host.
/// </summary>
public sealed class AgentCredentialRevoker(FleetDb db, AgentConnections connections, AuditLog audit, FleetChangeFeed feed, TimeProvider clock)
{
    /// <summary>Null when there is no such host; otherwise how many credentials were revoked.</summary>
    public async Task<int?> RevokeAsync(Guid hostId, CancellationToken ct)
    {
        var name = await db.Hosts.Where(h => h.Id == hostId).Select(h => h.Name).FirstOrDefaultAsync(ct);
        if (name is null)
            return null;
        var now = clock.GetUtcNow();
        var revoked = await db.AgentCredentials.Where(c => c.HostId == hostId && c.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, now), ct);
        // Closed here at once and counted for the audit; the other nodes close theirs when the feed tells them.
        var aborted = connections.Abort(hostId);
        feed.PublishAgentRevoked(hostId);
        await db.Hosts.Where(h => h.Id == hostId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ConnectionId, (string?)null).SetProperty(h => h.ConnectionNode, (Guid?)null), ct);
        await audit.RecordAsync(AuditActions.AgentRevoked, AuditTargets.Host(hostId, name), null, new { credentials = revoked, connectionsClosedOnThisNode = aborted }, ct);
        feed.PublishHostChanged(hostId);
        return revoked;
    }
}
