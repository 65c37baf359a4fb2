using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Server;

/// <summary>What the agent does on its own at start reaches the server, so the administrator hears of it.</summary>
[Collection(ServerCollection.Name)]
public sealed class AgentNoticeFlowTests(ServerFixture fixture) : IDisposable
{
    private readonly HttpClient _api = fixture.Server.CreateClient();
    private readonly string _stateDir = Directory.CreateTempSubdirectory("bf-notice-").FullName;

    [Fact]
    public async Task A_vhdx_left_attached_by_a_crashed_run_is_dismounted_at_start_and_shown_on_the_host()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        var platform = SimulatedPlatform.Load(Path.Combine(AppContext.BaseDirectory, "Scenarios", "fast-healthy.json"));
        var target = platform.Scenario.Inventory.BackupTarget.Path!;
        // The state a crash leaves: the last job's spec on disk and its VHDX still attached.
        var lastJob = new LastJobFile(_stateDir);
        lastJob.Save(new BackupSpec(target, "B:", true, true, ["C:"], 1, 1));
        await platform.VirtualDisks.MountAsync(target, "B:", CancellationToken.None);

        await using var agent = new AgentRuntime(fixture.Server.BaseAddress, host.AgentCredential, platform, NullLogger.Instance, AgentTimings.Fast, lastJob);
        await agent.StartAsync(CancellationToken.None);

        Assert.False(await platform.VirtualDisks.IsMountedAsync(target, CancellationToken.None));
        var notice = (await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}")).ReadJsonAsync()).GetProperty("agentNotice");
        Assert.Contains(target, notice.GetProperty("message").GetString());
        Assert.Contains("dismounted it", notice.GetProperty("message").GetString());
    }

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);
}
