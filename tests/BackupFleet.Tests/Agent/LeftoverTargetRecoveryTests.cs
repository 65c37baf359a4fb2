using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Tests.Agent.Windows;
using Microsoft.Extensions.Logging.Abstractions;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

/// <summary>At start, a VHDX that a crashed run left attached is found through last-job.json and dismounted.</summary>
public sealed class LeftoverTargetRecoveryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bf-agent-lastjob-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_vhdx_left_attached_is_dismounted_on_the_simulated_platform()
    {
        var scenario = FastHealthy();
        var platform = SimulatedPlatform.FromScenario(scenario);
        var lastJob = new LastJobFile(_dir);
        lastJob.Save(Job(scenario).Spec);
        await platform.VirtualDisks.MountAsync(scenario.Inventory.BackupTarget.Path!, "B:", default);

        var dismounted = await LeftoverTargetRecovery.DismountLeftoverAsync(platform, lastJob, NullLogger.Instance, default);

        Assert.Equal(scenario.Inventory.BackupTarget.Path, dismounted);
        Assert.False(await platform.VirtualDisks.IsMountedAsync(dismounted!, default));
    }

    [Fact]
    public async Task A_vhdx_left_attached_is_dismounted_on_the_windows_platform()
    {
        var host = new FakeWindowsHost();
        var target = @"\\nas01\backups\it's HV01.vhdx";
        await host.Platform.Disks.MountAsync(target, "B:", default);
        var lastJob = new LastJobFile(_dir);
        lastJob.Save(Job(FastHealthy()).Spec with { TargetVhdxPath = target });

        Assert.Equal(target, await LeftoverTargetRecovery.DismountLeftoverAsync(host.Platform, lastJob, NullLogger.Instance, default));
        Assert.Equal(["mount " + target, "dismount " + target], host.History);
    }

    [Fact]
    public async Task Nothing_happens_without_a_last_job_or_when_its_vhdx_is_not_attached()
    {
        var host = new FakeWindowsHost();
        var lastJob = new LastJobFile(_dir);

        Assert.Null(await LeftoverTargetRecovery.DismountLeftoverAsync(host.Platform, lastJob, NullLogger.Instance, default));
        lastJob.Save(Job(FastHealthy()).Spec);
        Assert.Null(await LeftoverTargetRecovery.DismountLeftoverAsync(host.Platform, lastJob, NullLogger.Instance, default));
        Assert.Empty(host.History);
    }

    [Fact]
    public async Task A_damaged_last_job_file_is_reported_and_the_agent_starts_anyway()
    {
        var lastJob = new LastJobFile(_dir);
        await File.WriteAllTextAsync(lastJob.Path, "{ not json");

        Assert.Null(await LeftoverTargetRecovery.DismountLeftoverAsync(new FakeWindowsHost().Platform, lastJob, NullLogger.Instance, default));
        Assert.Null(lastJob.TryTargetPath());
    }

    [Fact]
    public void The_last_job_spec_round_trips()
    {
        var lastJob = new LastJobFile(_dir);
        var spec = Job(FastHealthy()).Spec;

        lastJob.Save(spec);

        var loaded = lastJob.Load()!;
        Assert.Equal(spec with { IncludeVolumes = [] }, loaded with { IncludeVolumes = [] });
        Assert.Equal(spec.IncludeVolumes, loaded.IncludeVolumes);
    }
}
