using System.Diagnostics;
using System.Text.Json.Nodes;
using BackupFleet.Agent.Cli;
using BackupFleet.Shared.Enrollment;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// The real agent executable (<c>agent run</c>) in a process of its own, with its own state directory: what a fault test
/// can kill outright, as a crash, a killed service or a power cut would.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private AgentProcess(ChildProcess process) => _process = process;

    /// <summary>A state directory in <paramref name="parent"/> enrolled as <paramref name="enrollment"/>'s host, as <c>agent enroll</c> leaves it.</summary>
    public static string StateDirectory(string parent, Uri server, EnrollResponse enrollment)
    {
        var dir = Directory.CreateDirectory(Path.Combine(parent, "agent-" + enrollment.HostId.ToString("N"))).FullName;
        new AgentState(server.ToString(), enrollment.HostId, enrollment.HostName, enrollment.AgentCredential).Save(dir);
        return dir;
    }

    /// <summary>A test scenario with its backup slowed to <paramref name="secondsPerVolume"/>, so that a fault can hit it mid-way.</summary>
    public static string SlowScenario(string stateDirectory, string scenario, double secondsPerVolume)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario)))!;
        json["simulation"]!["secondsPerVolume"] = secondsPerVolume;
        var path = Path.Combine(stateDirectory, "slow-" + scenario);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    public static AgentProcess Start(string stateDirectory, string scenarioPath)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        foreach (var arg in new[] { typeof(AgentCli).Assembly.Location, "run", "--state-dir", stateDirectory, "--simulate", scenarioPath })
            start.ArgumentList.Add(arg);
        return new AgentProcess(ChildProcess.Start(start));
    }

    /// <summary>What the agent printed, for a failing test's message.</summary>
    public string Output => _process.Output;

    /// <summary>SIGKILL: no cancellation, no dismount, no flush; what was not on disk is gone.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
