using System.Collections.Concurrent;
using BackupFleet.Server.Features.Live;
using Microsoft.AspNetCore.SignalR;

namespace BackupFleet.Server.Features.Agents;

/// <summary>
/// The agent connections open on this node, by host, so that revoking a host's credential can close them at once, here and
/// (told through the feed) on every other node. Kept by host because a reconnect storm asks "another connection of this
/// host?" once per closed connection: a scan of all of them each time grows with the square of the fleet.
/// </summary>
public sealed class AgentConnections
{
    // A host's entry stays when its last connection closes: one small dictionary per host ever seen here, and no race
    // between removing an empty entry and a reconnect adding to it.
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byHost = new();

    public AgentConnections(FleetChangeFeed feed) => feed.AgentRevoked += hostId => Abort(hostId);

    public void Opened(Guid hostId, HubCallerContext context) => _byHost.GetOrAdd(hostId, _ => new())[context.ConnectionId] = context;

    public void Closed(Guid hostId, string connectionId)
    {
        if (_byHost.TryGetValue(hostId, out var open))
            open.TryRemove(connectionId, out _);
    }

    /// <summary>Another connection of the host still open on this node, if any (the newest is not known: any will do).</summary>
    public string? OtherOf(Guid hostId, string connectionId) =>
        _byHost.TryGetValue(hostId, out var open) ? open.Keys.FirstOrDefault(id => id != connectionId) : null;

    public IReadOnlyList<(Guid HostId, string ConnectionId)> All() =>
        _byHost.SelectMany(host => host.Value.Keys.Select(id => (host.Key, id))).ToList();

    /// <summary>Closes every open connection of the host on this node; returns how many there were.</summary>
    public int Abort(Guid hostId)
    {
        if (!_byHost.TryGetValue(hostId, out var open))
            return 0;
        var aborted = 0;
        foreach (var (id, context) in open)
        {
            context.Abort();
            open.TryRemove(id, out _);
            aborted++;
        }
        return aborted;
    }
}
