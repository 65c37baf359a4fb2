using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Shared.Hub;

/// <summary>What an agent may call on the server. The host is taken from the agent's credential, never from arguments.</summary>
public interface IAgentHub
{
    /// <summary>First call after every (re)connect; the server answers with the host it knows and then sends any queued jobs.</summary>
    Task<HelloAck> Hello(AgentHello hello);

    /// <summary>Claims a dispatched job. False means another run is active or the job is no longer queued: the agent must not run it.</summary>
    Task<bool> AcceptJob(Guid runId);

    /// <summary>Stores events idempotently by (run, sequence); returns the highest sequence stored for the run.</summary>
    Task<int> ReportEvents(RunEventBatch batch);

    /// <summary>Final state of a run, sent only after all its events were acknowledged.</summary>
    Task CompleteRun(RunCompletion completion);

    /// <summary>The host as it is now (inventory.md format), sent after connecting and after each run; replaces the stored one.</summary>
    Task ReportInventory(InventoryReport report);

    /// <summary>The backup versions `wbadmin get versions` lists on the host's target; replaces what the server had.</summary>
    Task ReportBackupVersions(BackupVersionsReport report);

    /// <summary>Progress and the end of a provisioning job the server sent; lines already stored are not stored again.</summary>
    Task ReportProvisioning(ProvisioningUpdate update);
}
