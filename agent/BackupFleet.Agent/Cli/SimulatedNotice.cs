using BackupFleet.Agent.Platform;
using BackupFleet.Agent.Platform.Simulated;

namespace BackupFleet.Agent.Cli;

/// <summary>The line that makes a simulated host impossible to mistake for a real one.</summary>
public static class SimulatedNotice
{
    public static string For(IHostPlatform platform)
    {
        var description = platform is SimulatedPlatform { Scenario.Description: { Length: > 0 } d } ? " " + d : "";
        return $"SIMULATED host — scenario '{platform.ScenarioName}' plays {platform.ComputerName}; no real disk or backup is touched.{description}";
    }
}
