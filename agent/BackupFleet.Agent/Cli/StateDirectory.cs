namespace BackupFleet.Agent.Cli;

/// <summary>Where the agent keeps agent.json: --state-dir, else $BACKUPFLEET_AGENT_STATE, else the platform's default.</summary>
public static class StateDirectory
{
    public const string EnvironmentVariable = "BACKUPFLEET_AGENT_STATE";

    public static string Resolve(string? option)
    {
        var chosen = option ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(chosen) ? Default() : chosen);
    }

    public static string Default()
    {
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "BackupFleet", "Agent");
        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(home))
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "backupfleet-agent");
    }
}
