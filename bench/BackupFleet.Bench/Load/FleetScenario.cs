using BackupFleet.Agent.Platform.Simulated;

namespace BackupFleet.Bench.Load;

/// <summary>The tests' fast healthy host (a backup in a fraction of a second), played by every bench agent under its own name and target.</summary>
public sealed class FleetScenario
{
    // The bench policy backs up the critical volumes: the EFI System Partition and C:.
    private const int VolumesPerBackup = 2;

    private readonly Scenario _scenario = ScenarioLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "Scenarios", "fast-healthy.json"));
    private readonly PacedTime _time = new();

    public static string TargetPath(string hostName, string nas) => $@"\\{nas}\backups\{hostName}.vhdx";

    /// <summary>The host's own platform: its name, and the VHDX its policy names, so the server's checks see one VHDX per host.</summary>
    public SimulatedPlatform PlatformFor(string hostName, string nas)
    {
        var inventory = _scenario.Inventory with
        {
            ComputerName = hostName,
            BackupTarget = _scenario.Inventory.BackupTarget with { Path = TargetPath(hostName, nas) },
        };
        return SimulatedPlatform.FromScenario(_scenario with { Inventory = inventory }, _time);
    }

    /// <summary>From now on every host's wbadmin copies for about this long (null: at the scenario's own fast pace).</summary>
    public void PaceBackups(TimeSpan? copying) =>
        _time.Factor = copying is { } c ? c.TotalSeconds / (VolumesPerBackup * _scenario.Simulation.SecondsPerVolume) : 1;
}
