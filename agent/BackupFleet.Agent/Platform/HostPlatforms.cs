using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.WindowsService;

namespace BackupFleet.Agent.Platform;

/// <summary>Chooses the platform for the CLI. Simulation is only ever chosen explicitly, never as a fallback.</summary>
public static class HostPlatforms
{
    public const string WindowsOnly =
        "The real platform (Mount-VHD, wbadmin.exe) runs only on Windows Server; on this machine run with --simulate <scenario.json>.";

    /// <param name="scenarioPath">The --simulate file, or null for the real platform.</param>
    /// <param name="machine">The machine the real platform drives: its process runner and System32.</param>
    /// <param name="targetPath">The backup VHDX as far as the agent knows it, for the real platform's inventory.</param>
    /// <param name="stateDirectory">The agent's state directory, where a simulated host keeps what it has attached.</param>
    public static IHostPlatform Create(string? scenarioPath, ServiceEnvironment machine, Func<string?>? targetPath = null, string? stateDirectory = null)
    {
        if (scenarioPath is not null)
            return SimulatedPlatform.Load(scenarioPath, stateDirectory);
        if (!machine.IsWindows)
            throw new PlatformUnavailableException(WindowsOnly);
        return new WindowsPlatform(machine.Runner, WindowsTools.FromSystemDirectory(machine.SystemDirectory), targetPath ?? (() => null));
    }
}
