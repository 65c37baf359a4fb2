using BackupFleet.Agent.Journal;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Shared.Runs;
using Microsoft.Extensions.Logging.Abstractions;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

/// <summary>How the agent takes the server's jobs: claimed first, one at a time, each run id once, cancellable.</summary>
public sealed class JobCoordinatorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static (JobCoordinator Jobs, FakeAgentHub Hub, SimulatedPlatform Platform) Create(Scenario scenario)
    {
        var hub = new FakeAgentHub();
        var platform = SimulatedPlatform.FromScenario(scenario);
        return (new JobCoordinator(hub, platform, FastTimings, NullLogger.Instance, TimeProvider.System, RunJournal.Open(null)), hub, platform);
    }

    [Fact]
    public async Task An_accepted_job_runs_and_its_completion_reaches_the_server_with_all_events()
    {
        var scenario = FastHealthy();
        var (jobs, hub, _) = Create(scenario);
        var job = Job(scenario);

        await jobs.StartBackup(job);
        var completion = await hub.FirstCompletion.Task.WaitAsync(Wait);

        Assert.Equal([job.RunId], hub.Accepted);
        Assert.Equal(RunState.Succeeded, completion.State);
        Assert.Equal(hub.Events(job.RunId).Count, completion.LastSequence);
        Assert.Contains(hub.Events(job.RunId), e => e.Kind == RunEventKind.StepSucceeded && e.Step == BackupStep.DismountTarget);
    }

    [Fact]
    public async Task A_job_sent_while_the_target_is_being_created_is_not_taken_and_is_taken_when_sent_again_after()
    {
        var scenario = FastHealthy();
        var hub = new FakeAgentHub();
        var creating = true;
        var jobs = new JobCoordinator(hub, SimulatedPlatform.FromScenario(scenario), FastTimings, NullLogger.Instance, TimeProvider.System, RunJournal.Open(null),
            creatingTarget: () => creating);
        var job = Job(scenario);

        await jobs.StartBackup(job);
        await Task.Delay(200);
        Assert.Empty(hub.Accepted);
        Assert.Null(jobs.ActiveRunId);

        creating = false;
        await jobs.StartBackup(job);
        Assert.Equal(RunState.Succeeded, (await hub.FirstCompletion.Task.WaitAsync(Wait)).State);
        Assert.Equal([job.RunId], hub.Accepted);
    }

    [Fact]
    public async Task An_accepted_job_is_remembered_in_the_state_directory_before_anything_is_mounted()
    {
        var dir = Directory.CreateTempSubdirectory("bf-agent-jobs-").FullName;
        try
        {
            var scenario = FastHealthy();
            var hub = new FakeAgentHub();
            var lastJob = new BackupFleet.Agent.Jobs.LastJobFile(dir);
            var jobs = new JobCoordinator(hub, SimulatedPlatform.FromScenario(scenario), FastTimings, NullLogger.Instance, TimeProvider.System, RunJournal.Open(null), lastJob);
            var job = Job(scenario);

            await jobs.StartBackup(job);
            await hub.FirstCompletion.Task.WaitAsync(Wait);

            Assert.Equal(job.Spec.TargetVhdxPath, lastJob.TryTargetPath());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_job_the_server_does_not_hand_over_is_not_run()
    {
        var scenario = FastHealthy();
        var (jobs, hub, platform) = Create(scenario);
        hub.AcceptResult = false;

        await jobs.StartBackup(Job(scenario));
        for (var i = 0; i < 100 && jobs.ActiveRunId is not null; i++)
            await Task.Delay(10);

        Assert.Single(hub.Accepted);
        Assert.Null(jobs.ActiveRunId);
        Assert.Empty(platform.VirtualDisks.History);
    }

    [Fact]
    public async Task A_second_job_while_one_runs_waits_for_it_and_a_repeated_run_id_is_ignored()
    {
        var scenario = FastHealthy().WithSimulation(s => s with { SecondsPerVolume = 0.5 });
        var (jobs, hub, _) = Create(scenario);
        var first = Job(scenario);
        var second = Job(scenario);

        await jobs.StartBackup(first);
        await jobs.StartBackup(first);
        await jobs.StartBackup(second);
        var firstEnd = await hub.FirstCompletion.Task.WaitAsync(Wait);
        for (var i = 0; i < 500 && hub.Events(second.RunId).Count == 0; i++)
            await Task.Delay(10);
        await jobs.StartBackup(first);
        await Task.Delay(100);

        Assert.Equal([first.RunId, second.RunId], hub.Accepted);
        // The second started only once the first had ended: never two backups at once.
        Assert.True(hub.Events(second.RunId)[0].At >= firstEnd.FinishedAt);
    }

    [Fact]
    public async Task Cancel_from_the_server_ends_the_run_as_cancelled_after_the_dismount()
    {
        var scenario = FastHealthy().WithSimulation(s => s with { SecondsPerVolume = 4 });
        var (jobs, hub, platform) = Create(scenario);
        var job = Job(scenario);

        await jobs.StartBackup(job);
        for (var i = 0; i < 500 && !hub.Events(job.RunId).Any(e => e.Kind == RunEventKind.Progress); i++)
            await Task.Delay(10);
        await jobs.CancelRun(job.RunId);
        var completion = await hub.FirstCompletion.Task.WaitAsync(Wait);

        Assert.Equal(RunState.Cancelled, completion.State);
        Assert.Equal(JobCoordinator.CancelledByServer, completion.ErrorMessage);
        Assert.Equal(["mount " + job.Spec.TargetVhdxPath, "dismount " + job.Spec.TargetVhdxPath], platform.VirtualDisks.History);
    }

    [Fact]
    public async Task Stopping_the_agent_cancels_the_run_lets_it_dismount_and_reports_it()
    {
        var scenario = FastHealthy().WithSimulation(s => s with { SecondsPerVolume = 4 });
        var (jobs, hub, platform) = Create(scenario);
        var job = Job(scenario);
        await jobs.StartBackup(job);
        for (var i = 0; i < 500 && !hub.Events(job.RunId).Any(e => e.Kind == RunEventKind.Progress); i++)
            await Task.Delay(10);

        await jobs.StopAsync().WaitAsync(Wait);

        var completion = Assert.Single(hub.Completions);
        Assert.Equal(RunState.Cancelled, completion.State);
        Assert.Equal(JobCoordinator.CancelledByShutdown, completion.ErrorMessage);
        Assert.False(await platform.VirtualDisks.IsMountedAsync(job.Spec.TargetVhdxPath, default));
        await jobs.StartBackup(Job(scenario));
        Assert.Single(hub.Accepted);
    }

    [Fact]
    public async Task After_a_run_the_versions_and_a_fresh_inventory_reach_the_server()
    {
        var scenario = FastHealthy();
        var (jobs, hub, _) = Create(scenario);

        await jobs.StartBackup(Job(scenario));
        await hub.FirstCompletion.Task.WaitAsync(Wait);
        for (var i = 0; i < 500 && hub.Inventories.IsEmpty; i++)
            await Task.Delay(10);

        var versions = Assert.Single(hub.VersionReports);
        Assert.Equal(scenario.Inventory.BackupTarget.Path, versions.TargetPath);
        Assert.Single(versions.Versions);
        var inventory = Assert.Single(hub.Inventories);
        Assert.Equal(BackupFleet.Shared.Inventory.InventoryWriter.Write(scenario.Inventory with { CapturedAt = inventory.CapturedAt }), inventory.Json);
    }
}
