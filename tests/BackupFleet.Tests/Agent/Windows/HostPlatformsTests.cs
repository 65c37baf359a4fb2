using BackupFleet.Agent.Platform;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.WindowsService;
using static BackupFleet.Tests.Agent.Windows.WindowsTestSupport;

namespace BackupFleet.Tests.Agent.Windows;

/// <summary>Which platform the CLI gets, and that the real one drives the machine's own System32 tools through its runner.</summary>
public sealed class HostPlatformsTests
{
    private static FakeProcessRunner VersionsRunner() =>
        new((request, _) => Task.FromResult(FakeProcessRunner.Replay(request, WbadminFixture("wbadmin-get-versions.txt"))));

    [Fact]
    public async Task On_windows_without_a_scenario_the_real_platform_runs_the_system32_wbadmin_through_the_machines_runner()
    {
        var runner = VersionsRunner();
        var machine = new ServiceEnvironment(IsWindows: true, IsElevated: false, runner, @"C:\Windows\System32\", "agent.exe");

        var platform = HostPlatforms.Create(null, machine, () => @"\\nas01\backups\HV01.vhdx");
        var lines = await platform.Backup.GetVersionsAsync("B:", CancellationToken.None);

        Assert.IsType<WindowsPlatform>(platform);
        Assert.False(platform.IsSimulated);
        Assert.NotEmpty(lines);
        var request = Assert.Single(runner.Requests);
        Assert.Equal(Wbadmin, request.FileName);
        Assert.Equal(["get", "versions", "-backupTarget:B:"], request.Arguments);
    }

    [Fact]
    public void Elsewhere_the_real_platform_is_refused_and_never_replaced_by_a_simulation()
    {
        var machine = new ServiceEnvironment(IsWindows: false, IsElevated: false, VersionsRunner(), "/usr/bin", "agent");

        var refused = Assert.Throws<PlatformUnavailableException>(() => HostPlatforms.Create(null, machine));

        Assert.Equal(HostPlatforms.WindowsOnly, refused.Message);
    }

    [Fact]
    public void A_scenario_gives_the_simulated_platform_even_on_windows()
    {
        var machine = new ServiceEnvironment(IsWindows: true, IsElevated: true, VersionsRunner(), @"C:\Windows\System32", "agent.exe");

        var platform = HostPlatforms.Create(AgentTestSupport.ScenarioPath("fast-healthy.json"), machine);

        Assert.IsType<SimulatedPlatform>(platform);
        Assert.True(platform.IsSimulated);
    }
}
