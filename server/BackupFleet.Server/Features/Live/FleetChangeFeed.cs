using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Live;

public sealed record RunChange(Guid RunId, Guid HostId, RunState State);

/// <summary>
/// In-process notifications that keep open dashboards (Blazor circuits) live. Subscribers re-query what they
/// show, so a lost notification costs freshness, never correctness. Scale-out replaces the transport, not the shape.
/// </summary>
public sealed class FleetChangeFeed(ILogger<FleetChangeFeed> log)
{
    /// <summary>Anything shown about a host changed, its findings included: pages reload.</summary>
    public event Action<Guid>? HostChanged;
    /// <summary>A host's own data changed (not its findings): what the fleet rules read, so they run again.</summary>
    public event Action<Guid>? HostDataChanged;
    public event Action<RunChange>? RunChanged;
    public event Action<Guid>? RunEventsAdded;
    /// <summary>Many hosts changed at once (e.g. missed runs swept); listeners reload what they show.</summary>
    public event Action? FleetChanged;

    public void PublishHostChanged(Guid hostId)
    {
        Raise(HostChanged, h => ((Action<Guid>)h)(hostId));
        Raise(HostDataChanged, h => ((Action<Guid>)h)(hostId));
    }

    /// <summary>Only pages hear of new or resolved findings; the fleet rules that stored them must not run again because of them.</summary>
    public void PublishFindingsChanged(Guid hostId) => Raise(HostChanged, h => ((Action<Guid>)h)(hostId));
    public void PublishRunChanged(RunChange change) => Raise(RunChanged, h => ((Action<RunChange>)h)(change));
    public void PublishRunEventsAdded(Guid runId) => Raise(RunEventsAdded, h => ((Action<Guid>)h)(runId));
    public void PublishFleetChanged() => Raise(FleetChanged, h => ((Action)h)());

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
