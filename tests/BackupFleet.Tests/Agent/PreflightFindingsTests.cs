using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Checks;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

/// <summary>The host rules in the pre-flight: logged on every run, and stopping it only where the policy asks for that.</summary>
public sealed class PreflightFindingsTests
{
    private const string RootDisk = @"D:\TEST01.vhdx";

    /// <summary>The fast healthy host with its VM's disk at the root of D: (KNOWLEDGE.md §3): a vm-disk-outside-vm-folder error.</summary>
    private static Scenario DiskAtVolumeRoot()
    {
        var scenario = FastHealthy();
        return scenario with { Inventory = scenario.Inventory.WithDiskMoved(@"D:\Hyper-V\TEST01\Virtual Hard Disks\TEST01.vhdx", RootDisk) };
    }

    private static async Task<(JobOutcome Outcome, RecordingReporter Events, SimulatedPlatform Platform)> RunAsync(Scenario scenario, bool block)
    {
        var platform = SimulatedPlatform.FromScenario(scenario);
        var events = new RecordingReporter();
        var job = Job(scenario);
        job = job with { Spec = job.Spec with { BlockOnErrorFindings = block } };
        return (await new BackupJobRunner(platform, FastTimings).RunAsync(job, events, CancellationToken.None), events, platform);
    }

    [Fact]
    public async Task An_error_finding_is_logged_and_the_backup_goes_ahead_when_the_policy_only_warns()
    {
        var (outcome, events, _) = await RunAsync(DiskAtVolumeRoot(), block: false);

        Assert.Equal(RunState.Succeeded, outcome.State);
        Assert.Contains(events.Events, e => e.Step == BackupStep.Preflight && e.Kind == RunEventKind.Log
            && e.Message!.StartsWith($"Check vm-disk-outside-vm-folder (error) on {RootDisk}: ", StringComparison.Ordinal));
        Assert.EndsWith("1 check error(s) logged, not blocking (policy).", events.Single(RunEventKind.StepSucceeded, BackupStep.Preflight).Message);
    }

    [Fact]
    public async Task An_error_finding_stops_the_run_before_anything_is_mounted_when_the_policy_says_so()
    {
        var (outcome, events, platform) = await RunAsync(DiskAtVolumeRoot(), block: true);

        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Contains($"vm-disk-outside-vm-folder on {RootDisk}", outcome.ErrorMessage);
        Assert.Equal(["Preflight StepStarted", "Preflight StepFailed"], events.StepTrail());
        Assert.Empty(platform.VirtualDisks.History);
    }

    [Fact]
    public async Task A_clean_host_runs_with_blocking_on_and_logs_no_findings()
    {
        var (outcome, events, _) = await RunAsync(FastHealthy(), block: true);

        Assert.Equal(RunState.Succeeded, outcome.State);
        Assert.DoesNotContain(events.Events, e => e.Message?.StartsWith("Check ", StringComparison.Ordinal) == true);
    }
}
