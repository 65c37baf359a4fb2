using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Data;

/// <summary>A Windows host with an enrolled agent.</summary>
public sealed class HostEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public string? AgentVersion { get; set; }
    public string? OsDescription { get; set; }
    public bool Simulated { get; set; }
    public string? ScenarioName { get; set; }
    /// <summary>SignalR connection of the agent while it is connected; null means offline.</summary>
    public string? ConnectionId { get; set; }
    /// <summary>The server node that holds <see cref="ConnectionId"/>: when that node dies, its connections are known gone.</summary>
    public Guid? ConnectionNode { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
    /// <summary>The agent's last inventory snapshot (inventory.md JSON), for the checks and the host page.</summary>
    public string? InventoryJson { get; set; }
    /// <summary>The last thing the agent did on its own and told the server (AgentHello.Notice), for the host page.</summary>
    public string? AgentNotice { get; set; }
    public DateTimeOffset? AgentNoticeAt { get; set; }
    public DateTimeOffset? InventoryCapturedAt { get; set; }
    /// <summary>Labels people give the host (site, customer, role) to find it in the fleet; rules in <see cref="Features.Hosts.HostTags"/>.</summary>
    public string[] Tags { get; set; } = [];

    // How the host stands, kept by the database itself (triggers on runs and findings, migration HostStanding), so that the
    // fleet list filters, sorts and counts from this table alone. The server never writes them. The column health, computed
    // by the database from these and ConnectionId (migration HostHealthStored), is read by the fleet queries' SQL, not mapped.
    /// <summary>When the newest run started, or was queued while it waits.</summary>
    public DateTimeOffset? LastRunAt { get; private set; }
    /// <summary>The state of the newest run that came to a result (cancelled runs aside).</summary>
    public RunState? LastResult { get; private set; }
    /// <summary>Open error and warning findings.</summary>
    public int OpenProblems { get; private set; }
    /// <summary>An rpo-breached finding is open.</summary>
    public bool RpoBreached { get; private set; }

    public BackupPolicyEntity? Policy { get; set; }
}
