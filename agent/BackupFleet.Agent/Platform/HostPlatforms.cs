using BackupFleet.Agent.Platform.Simulated;

namespace BackupFleet.Agent.Platform;

/// <summary>Chooses the platform for the CLI. Simulation is only ever chosen explicitly, never as a fallback.</summary>
public static class HostPlatforms
{
    public const string WindowsNotYetAvailable =
        "The Windows platform (Mount-VHD, wbadmin.exe) comes in a later release; on this machine run with --simulate <scenario.json>.";

    /// <param name="scenarioPath">The --simulate file, or null for the real platform.</param>
    public static IHostPlatform Create(string? scenarioPath) =>
        scenarioPath is null
            ? throw new PlatformUnavailableException(WindowsNotYetAvailable)
            : SimulatedPlatform.Load(scenarioPath);
}
