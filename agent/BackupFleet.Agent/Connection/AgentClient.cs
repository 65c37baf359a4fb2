using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Connection;

/// <summary>What the server may call on this agent, routed to the part that does it; typed by the shared interface.</summary>
internal sealed class AgentClient(JobCoordinator jobs, ProvisioningCoordinator provisioning) : IAgentClient
{
    public Task StartBackup(BackupJob job) => jobs.StartBackup(job);

    public Task CancelRun(Guid runId) => jobs.CancelRun(runId);

    public Task ProvisionTarget(ProvisionTargetJob job) => provisioning.ProvisionTarget(job);
}
