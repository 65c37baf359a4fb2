using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Shared.Hub;

/// <summary>What the server calls on an agent.</summary>
public interface IAgentClient
{
    Task StartBackup(BackupJob job);

    Task CancelRun(Guid runId);

    /// <summary>Create the backup VHDX on the share; refused by the agent while a backup runs.</summary>
    Task ProvisionTarget(ProvisionTargetJob job);
}
