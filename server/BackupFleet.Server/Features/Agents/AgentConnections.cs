using System.Collections.Concurrent;
using BackupFleet.Server.Features.Live;
using Microsoft.AspNetCore.SignalR;

namespace BackupFleet.Server.Features.Agents;

/// <summary>
/// The agent connections open on this node, so that revoking a host's credential can close them at once, here and (told
/// through the feed) on every other node.
/// </summary>
public sealed class AgentConnections
{
    private readonly ConcurrentDictionary<string, (Guid HostId, HubCallerContext Context)> _open = new();

    public AgentConnections(FleetChangeFeed feed) => feed.AgentRevoked += hostId => Abort(hostId);

    public void Opened(Guid hostId, HubCallerContext context) => _open[context.ConnectionId] = (hostId, context);

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    /// <summary>Another connection of the host still open on this node, if any (the newest is not known: any will do).</summary>
    public string? OtherOf(Guid hostId, string connectionId) =>
        _open.FirstOrDefault(e => e.Value.HostId == hostId && e.Key != connectionId).Key;

    public IReadOnlyList<(Guid HostId, string ConnectionId)> All() => _open.Select(e => (e.Value.HostId, e.Key)).ToList();

    /// <summary>Closes every open connection of the host on this node; returns how many there were.</summary>
    public int Abort(Guid hostId)
    {
        var aborted = 0;
        foreach (var (id, entry) in _open)
        {
            if (entry.HostId != hostId)
                continue;
            entry.Context.Abort();
            _open.TryRemove(id, out _);
            aborted++;
        }
        return aborted;
    }
}
