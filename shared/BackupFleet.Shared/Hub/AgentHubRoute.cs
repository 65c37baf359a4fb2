namespace BackupFleet.Shared.Hub;

public static class AgentHubRoute
{
    public const string Path = "/hubs/agent";
}
