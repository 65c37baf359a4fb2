namespace BackupFleet.Agent.WindowsService;

/// <summary>How the agent is known to the Service Control Manager.</summary>
public static class AgentService
{
    public const string Name = "BackupFleetAgent";
    public const string DisplayName = "BackupFleet Agent";
    public const string Description = "Runs the Windows Server Backup jobs that the BackupFleet server schedules for this host.";
}
