using BackupFleet.Shared.Inventory;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>A host played from a scenario file: no real disk or backup is touched, and it always says so.</summary>
public sealed class SimulatedPlatform : IHostPlatform
{
    // The server refuses longer texts in the agent's hello (AgentInput).
    private const int MaxDescriptionLength = 255;
    private readonly TimeProvider _time;

    /// <summary>In the state directory of a simulated agent process: the VHDX it has attached, surviving a killed process.</summary>
    public const string AttachedDisksFile = "simulated-attached-disks.txt";

    private SimulatedPlatform(Scenario scenario, TimeProvider time, string? stateDirectory)
    {
        _time = time;
        Scenario = scenario;
        VirtualDisks = new SimulatedDisks(scenario.Simulation, time, stateDirectory is null ? null : Path.Combine(stateDirectory, AttachedDisksFile));
        Backup = new SimulatedWbadmin(scenario, VirtualDisks, time);
        Provisioning = new SimulatedProvisioning(scenario, time);
    }

    /// <exception cref="DataFiles.DataFileException">The file is not a valid scenario; the message names the field.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <param name="stateDirectory">The agent's state directory: attached disks are kept there across processes; null keeps them in memory.</param>
    public static SimulatedPlatform Load(string scenarioPath, string? stateDirectory = null) =>
        FromScenario(ScenarioLoader.LoadFile(scenarioPath), stateDirectory: stateDirectory);

    public static SimulatedPlatform FromScenario(Scenario scenario, TimeProvider? time = null, string? stateDirectory = null) =>
        new(scenario, time ?? TimeProvider.System, stateDirectory);

    public Scenario Scenario { get; }

    /// <summary>The in-memory disks, with their <see cref="SimulatedDisks.History"/>.</summary>
    public SimulatedDisks VirtualDisks { get; }

    public string ComputerName => Scenario.Inventory.ComputerName;

    public string OsDescription
    {
        get
        {
            var text = $"{Scenario.Inventory.OsCaption} {Scenario.Inventory.OsVersion} (simulated)";
            return text.Length <= MaxDescriptionLength ? text : text[..MaxDescriptionLength];
        }
    }

    public bool IsSimulated => true;

    public string ScenarioName => Scenario.Name;

    IVirtualDisks IHostPlatform.Disks => VirtualDisks;

    public IWindowsBackup Backup { get; }

    public ITargetProvisioning Provisioning { get; }

    public Task<HostInventory> GetInventoryAsync(CancellationToken ct) =>
        Task.FromResult(Scenario.Inventory with { CapturedAt = _time.GetUtcNow() });
}
