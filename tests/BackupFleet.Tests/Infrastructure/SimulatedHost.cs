using System.Net;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Shared.Enrollment;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>A newly enrolled host whose real agent runtime, on a test scenario, is connected to the test server.</summary>
public sealed class SimulatedHost : IAsyncDisposable
{
    public required string Name { get; init; }
    public required EnrollResponse Enrollment { get; init; }
    public required SimulatedPlatform Platform { get; init; }
    public required AgentRuntime Agent { get; init; }
    /// <summary>The policy it was given, or null.</summary>
    public PolicyDto? Policy { get; init; }

    public Guid HostId => Enrollment.HostId;

    /// <param name="scenario">A file in the tests' Scenarios folder, e.g. "fast-healthy.json".</param>
    /// <param name="withPolicy">Give it <see cref="FleetApi.ValidPolicy"/> before the agent connects.</param>
    /// <param name="connect">Start the agent now; false leaves that to the test (Agent.StartAsync).</param>
    public static async Task<SimulatedHost> StartAsync(IServerUnderTest server, HttpClient api, string scenario, bool withPolicy = true, bool connect = true,
        string prefix = "T")
    {
        var name = FleetApi.UniqueHostName(prefix);
        var enrollment = await api.EnrollAsync(name);
        var policy = withPolicy ? FleetApi.ValidPolicy(name) : null;
        if (policy is not null)
            Assert.Equal(HttpStatusCode.Created, (await api.PutPolicyAsync(enrollment.HostId, policy)).StatusCode);
        var platform = SimulatedPlatform.Load(Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario));
        var agent = new AgentRuntime(server.BaseAddress, enrollment.AgentCredential, platform, NullLogger.Instance, AgentTimings.Fast);
        if (connect)
            await agent.StartAsync(CancellationToken.None);
        return new SimulatedHost { Name = name, Enrollment = enrollment, Platform = platform, Agent = agent, Policy = policy };
    }

    public ValueTask DisposeAsync() => Agent.DisposeAsync();
}
