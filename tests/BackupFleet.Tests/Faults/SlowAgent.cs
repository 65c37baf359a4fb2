using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Journal;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Shared.Enrollment;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// An enrolled host with a policy and its agent, in this process, on a scenario slowed so that a fault can hit its backup
/// mid-way; <c>via</c> is where the agent connects when that is not the server itself (a relay that can be cut).
/// </summary>
public static class SlowAgent
{
    public static async Task<(EnrollResponse Host, AgentRuntime Agent, SimulatedPlatform Platform)> StartAsync(Uri server, HttpClient api, string stateDirectory,
        double secondsPerVolume, string prefix, string? nas = null, RunJournal? journal = null, Uri? via = null)
    {
        var name = FleetApi.UniqueHostName(prefix);
        var host = await api.EnrollAsync(name);
        var policy = FleetApi.ValidPolicy(name);
        await api.PutPolicyAsync(host.HostId, nas is null ? policy : policy with { TargetPath = $@"\\{nas}\backups\{name}.vhdx" });
        var platform = SimulatedPlatform.Load(AgentProcess.SlowScenario(stateDirectory, "fast-healthy.json", secondsPerVolume));
        var agent = new AgentRuntime(via ?? server, host.AgentCredential, platform, NullLogger.Instance, AgentTimings.Fast, journal: journal);
        await agent.StartAsync(CancellationToken.None);
        return (host, agent, platform);
    }
}
