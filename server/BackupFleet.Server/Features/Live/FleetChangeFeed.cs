using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Live;

public sealed record RunChange(Guid RunId, Guid HostId, RunState State);

public enum FleetChangeKind { Host, Findings, Run, RunEvents, Fleet, AgentRevoked }

/// <summary>One change as it travels between server nodes: <see cref="Id"/> is the host's or the run's, as the kind says.</summary>
public sealed record FleetChange(FleetChangeKind Kind, Guid Id = default, Guid HostId = default, RunState State = default);

/// <summary>
/// Notifications that keep open dashboards (Blazor circuits) live. Subscribers re-query what they show, so a lost
/// notification costs freshness, never correctness. A change published here is delivered at once on this node and,
/// with several nodes, carried to the others by <see cref="ScaleOut.FleetChangeRelay"/> (<see cref="Published"/> →
/// <see cref="Deliver"/> there).
/// </summary>
public sealed class FleetChangeFeed(ILogger<FleetChangeFeed> log)
{
    /// <summary>Anything shown about a host changed, its findings included: pages reload.</summary>
    public event Action<Guid>? HostChanged;
    public event Action<RunChange>? RunChanged;
    public event Action<Guid>? RunEventsAdded;
    /// <summary>Many hosts changed at once (e.g. missed runs swept); listeners reload what they show.</summary>
    public event Action? FleetChanged;
    /// <summary>A host's credential was revoked: every node closes the connections of that host it holds.</summary>
    public event Action<Guid>? AgentRevoked;
    /// <summary>
    /// What the fleet rules read changed (a host, a run, many hosts; not findings, which the rules write themselves).
    /// Raised only on the node where it changed: the database is shared, so one node running the rules again is enough.
    /// </summary>
    public event Action? DataChanged;
    /// <summary>Every change published on this node, for the relay to the other nodes.</summary>
    public event Action<FleetChange>? Published;

    private long _version;

    /// <summary>
    /// Counts the changes to hosts and runs delivered on this node (run events aside: they change no host's standing), raised
    /// before any listener hears of the change: what was read from the database while <see cref="Version"/> stayed the same
    /// is still current (<see cref="Fleet.FleetOverviewSource"/>).
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    public void PublishHostChanged(Guid hostId) => Publish(new FleetChange(FleetChangeKind.Host, hostId), dataChanged: true);

    /// <summary>Only pages hear of new or resolved findings; the fleet rules that stored them must not run again because of them.</summary>
    public void PublishFindingsChanged(Guid hostId) => Publish(new FleetChange(FleetChangeKind.Findings, hostId), dataChanged: false);
    public void PublishRunChanged(RunChange change) =>
        Publish(new FleetChange(FleetChangeKind.Run, change.RunId, change.HostId, change.State), dataChanged: true);
    public void PublishRunEventsAdded(Guid runId) => Publish(new FleetChange(FleetChangeKind.RunEvents, runId), dataChanged: false);
    public void PublishFleetChanged() => Publish(new FleetChange(FleetChangeKind.Fleet), dataChanged: true);
    public void PublishAgentRevoked(Guid hostId) => Publish(new FleetChange(FleetChangeKind.AgentRevoked, hostId), dataChanged: false);

    private void Publish(FleetChange change, bool dataChanged)
    {
        Deliver(change);
        if (dataChanged)
            Raise(DataChanged, h => ((Action)h)());
        Raise(Published, h => ((Action<FleetChange>)h)(change));
    }

    /// <summary>Tells this node's listeners of a change made here or, through the relay, on another node.</summary>
    public void Deliver(FleetChange change)
    {
        if (change.Kind != FleetChangeKind.RunEvents)
            Interlocked.Increment(ref _version);
        switch (change.Kind)
        {
            case FleetChangeKind.Host or FleetChangeKind.Findings:
                Raise(HostChanged, h => ((Action<Guid>)h)(change.Id));
                break;
            case FleetChangeKind.Run:
                Raise(RunChanged, h => ((Action<RunChange>)h)(new RunChange(change.Id, change.HostId, change.State)));
                break;
            case FleetChangeKind.RunEvents:
                Raise(RunEventsAdded, h => ((Action<Guid>)h)(change.Id));
                break;
            case FleetChangeKind.Fleet:
                Raise(FleetChanged, h => ((Action)h)());
                break;
            case FleetChangeKind.AgentRevoked:
                Raise(AgentRevoked, h => ((Action<Guid>)h)(change.Id));
                break;
        }
    }

    private void Raise(Delegate? handlers, Action<Delegate> invoke)
    {
        // One broken circuit must not stop the others from hearing about the change.
        foreach (var handler in handlers?.GetInvocationList() ?? [])
        {
            try { invoke(handler); }
            catch (Exception e) { log.LogWarning(e, "A dashboard listener failed"); }
        }
    }
}
