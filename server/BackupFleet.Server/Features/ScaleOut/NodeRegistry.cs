using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Agents;
using BackupFleet.Server.Features.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.ScaleOut;

/// <summary>
/// The server nodes sharing the database, each beating in <c>server_nodes</c>. A host's agent is online while the node
/// holding its connection is; the nodes' times are the database's own, so a node whose clock is off is not taken for dead.
/// </summary>
public sealed class NodeRegistry(FleetDb db, ServerNode node, AgentConnections connections, FleetChangeFeed feed, IOptions<ScaleOutOptions> options,
    TimeProvider clock, ILogger<NodeRegistry> log)
{
    /// <summary>
    /// Says this node is alive. When the others had taken it for dead (it missed beats: a long pause, the database away)
    /// and marked its agents offline, it takes back the connections it still holds.
    /// </summary>
    public async Task BeatAsync(CancellationToken ct)
    {
        if (await db.Database.ExecuteSqlAsync($"UPDATE server_nodes SET seen_at = now() WHERE id = {node.Id}", ct) == 1)
            return;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO server_nodes (id, name, started_at, seen_at) VALUES ({node.Id}, {node.Name}, now(), now())
            ON CONFLICT (id) DO UPDATE SET seen_at = now()
            """, ct);
        var open = connections.All();
        if (open.Count == 0)
            return;
        var now = clock.GetUtcNow();
        var reclaimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE hosts h SET connection_id = c.connection_id, connection_node = {node.Id}, last_seen_at = {now}
            FROM unnest({open.Select(c => c.HostId).ToArray()}, {open.Select(c => c.ConnectionId).ToArray()}) AS c(host_id, connection_id)
            WHERE h.id = c.host_id AND h.connection_id IS NULL
            """, ct);
        if (reclaimed == 0)
            return;
        log.LogWarning("This server node had been taken for dead (no heartbeat for {Timeout}); it took back {Count} agent connection(s)",
            options.Value.NodeTimeout, reclaimed);
        feed.PublishFleetChanged();
    }

    /// <summary>Marks offline the agents of nodes that stopped beating (their absence counts from now), and forgets those nodes.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var timeout = options.Value.NodeTimeout;
        var now = clock.GetUtcNow();
        var cleared = await db.Database.ExecuteSqlAsync($"""
            UPDATE hosts SET connection_id = NULL, connection_node = NULL, last_seen_at = {now}
            WHERE connection_id IS NOT NULL
              AND (connection_node IS NULL OR connection_node NOT IN (SELECT id FROM server_nodes WHERE seen_at >= now() - {timeout}))
            """, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM server_nodes WHERE seen_at < now() - {timeout}", ct);
        if (cleared == 0)
            return;
        log.LogWarning("{Count} agent connection(s) were held by a server node that stopped (no heartbeat for {Timeout}): shown offline until they reconnect",
            cleared, timeout);
        feed.PublishFleetChanged();
    }

    /// <summary>
    /// Without Redis this node is the only one, so the rows of earlier processes (one that crashed leaves its row behind)
    /// are gone with them: their agents are marked offline at once rather than when the row is overdue.
    /// </summary>
    public async Task ForgetOthersAsync(CancellationToken ct)
    {
        // "Recently" by the database's clock, as the beats are written.
        var recent = await db.Database.SqlQuery<string>(
            $"SELECT name AS \"Value\" FROM server_nodes WHERE id <> {node.Id} AND seen_at >= now() - {options.Value.HeartbeatInterval * 2}").ToListAsync(ct);
        foreach (var name in recent)
            log.LogWarning("Server node {Name} beat on this database moments ago. If it is still running, set ConnectionStrings:Redis on every node: "
                + "without Redis a job sent from one node does not reach the agents connected to another", name);
        await db.ServerNodes.Where(n => n.Id != node.Id).ExecuteDeleteAsync(ct);
    }

    /// <summary>A node stopping on purpose: the others (or this one's next start) mark its agents offline at their next sweep.</summary>
    public Task LeaveAsync(CancellationToken ct) => db.Database.ExecuteSqlAsync($"DELETE FROM server_nodes WHERE id = {node.Id}", ct);
}
