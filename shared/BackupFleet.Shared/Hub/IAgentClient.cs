using BackupFleet.Shared.Runs;

namespace BackupFleet.Shared.Hub;

/// <summary>What the server calls on an agent.</summary>
public interface IAgentClient
{
    Task StartBackup(BackupJob job);

    Task CancelRun(Guid runId);
}
