using BackupFleet.Tests.Infrastructure;
using System.Runtime.CompilerServices;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Tests.Agent;

/// <summary>Fixture files next to these tests, the fast scenarios, and a job for a scenario.</summary>
internal static class AgentTestSupport
{
    public static readonly AgentTimings FastTimings = AgentTimings.Fast;

    /// <summary>A recorded wbadmin output, as written (CRLF line ends kept).</summary>
    public static string Fixture(string name, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Fixtures", name);
        return File.ReadAllText(File.Exists(path) ? path : Path.Combine(AppContext.BaseDirectory, "Agent", "Fixtures", name));
    }

    public static string ScenarioPath(string fileName) => Path.Combine(AppContext.BaseDirectory, "Scenarios", fileName);

    public static Scenario FastHealthy() => ScenarioLoader.LoadFile(ScenarioPath("fast-healthy.json"));

    public static Scenario FastFailing() => ScenarioLoader.LoadFile(ScenarioPath("fast-failing.json"));

    public static Scenario WithSimulation(this Scenario scenario, Func<SimulationSettings, SimulationSettings> change) =>
        scenario with { Simulation = change(scenario.Simulation) };

    public static Scenario WithFaults(this Scenario scenario, Func<SimulationFaults, SimulationFaults> change) =>
        scenario.WithSimulation(s => s with { Faults = change(s.Faults) });

    /// <summary>The demo's policy: critical volumes, C: and the system state, to the scenario's VHDX at B:.</summary>
    public static BackupJob Job(Scenario scenario, int mountWaitSeconds = 5, int dismountWaitSeconds = 5, string driveLetter = "B:") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow,
            new BackupSpec(scenario.Inventory.BackupTarget.Path!, driveLetter, AllCritical: true, SystemState: true, ["C:"], mountWaitSeconds, dismountWaitSeconds));

    /// <summary>The repository's agent/scenarios folder, found from the test output directory.</summary>
    public static string RepositoryScenariosFolder() => Path.Combine(LocalMachine.RepositoryRoot(), "agent", "scenarios");
}

/// <summary>Collects a run's events in memory, numbered as the real reporter numbers them.</summary>
internal sealed class RecordingReporter(Action<RunEventDto>? onEvent = null) : IRunReporter
{
    private readonly object _gate = new();
    private readonly List<RunEventDto> _events = [];
    private readonly List<BackupVersionsReport> _versions = [];

    public IReadOnlyList<RunEventDto> Events
    {
        get { lock (_gate) return _events.ToList(); }
    }

    public IReadOnlyList<BackupVersionsReport> VersionReports
    {
        get { lock (_gate) return _versions.ToList(); }
    }

    public void ReportVersions(BackupVersionsReport report)
    {
        lock (_gate)
            _versions.Add(report);
    }

    public void Emit(RunEventKind kind, BackupStep? step, string? message = null, double? percent = null)
    {
        RunEventDto e;
        lock (_gate)
        {
            e = new RunEventDto(_events.Count + 1, DateTimeOffset.UtcNow, kind, step, message, percent);
            _events.Add(e);
        }
        onEvent?.Invoke(e);
    }

    /// <summary>The step transitions only, e.g. "Preflight StepStarted".</summary>
    public IReadOnlyList<string> StepTrail() =>
        Events.Where(e => e.Kind is RunEventKind.StepStarted or RunEventKind.StepSucceeded or RunEventKind.StepFailed)
            .Select(e => $"{e.Step} {e.Kind}").ToList();

    public RunEventDto Single(RunEventKind kind, BackupStep step) => Assert.Single(Events, e => e.Kind == kind && e.Step == step);
}
