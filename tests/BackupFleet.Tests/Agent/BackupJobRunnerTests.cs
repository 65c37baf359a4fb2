using System.Diagnostics;
using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Shared.Runs;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

/// <summary>One backup through the job runner, with the events kept in memory; the step-order tests run on both platforms.</summary>
public sealed class BackupJobRunnerTests
{
    private static async Task<(JobOutcome Outcome, RecordingReporter Events, SimulatedPlatform Platform)> RunAsync(
        Scenario scenario, BackupJob? job = null, CancellationToken ct = default, Action<RunEventDto>? onEvent = null)
    {
        var platform = SimulatedPlatform.FromScenario(scenario);
        var events = new RecordingReporter(onEvent);
        var outcome = await new BackupJobRunner(platform, FastTimings).RunAsync(job ?? Job(scenario), events, ct);
        return (outcome, events, platform);
    }

    private static readonly string[] AllStepsSucceed =
    [
        "Preflight StepStarted", "Preflight StepSucceeded",
        "MountTarget StepStarted", "MountTarget StepSucceeded",
        "WaitForVolume StepStarted", "WaitForVolume StepSucceeded",
        "Backup StepStarted", "Backup StepSucceeded",
        "WaitForRelease StepStarted", "WaitForRelease StepSucceeded",
        "DismountTarget StepStarted", "DismountTarget StepSucceeded",
    ];

    /// <summary>A success, whether or not Windows said what it wrote (the simulated host does; the replayed Windows one does not).</summary>
    private static void AssertSucceeded(JobOutcome outcome) => Assert.Equal(JobOutcome.Succeeded, outcome with { BytesTransferred = null });

    private static async Task<(JobOutcome Outcome, RecordingReporter Events)> RunAsync(
        PlatformUnderTest host, CancellationToken ct = default, Action<RunEventDto>? onEvent = null)
    {
        var events = new RecordingReporter(onEvent);
        return (await new BackupJobRunner(host.Platform, FastTimings).RunAsync(host.Job, events, ct), events);
    }

    [Theory]
    [InlineData(PlatformKind.Simulated)]
    [InlineData(PlatformKind.Windows)]
    public async Task A_healthy_run_goes_through_every_step_in_order_and_dismounts(PlatformKind kind)
    {
        var host = PlatformUnderTest.Create(kind, HostBehaviour.Healthy);
        var (outcome, events) = await RunAsync(host);

        AssertSucceeded(outcome);
        Assert.Equal(AllStepsSucceed, events.StepTrail());
        Assert.Equal(Enumerable.Range(1, events.Events.Count), events.Events.Select(e => e.Sequence));
        Assert.Equal(["mount " + host.Target, "dismount " + host.Target], host.DiskHistory);
        Assert.False(await host.IsAttachedAsync());
    }

    [Fact]
    public async Task A_wbadmin_that_outlasts_the_policy_time_out_is_stopped_and_the_run_fails_saying_so_after_release_and_dismount()
    {
        var clock = new FastClock(600); // the ten-minute time-out passes in one second, an hour per volume in six
        var scenario = FastHealthy().WithSimulation(s => s with { SecondsPerVolume = 3600 });
        var platform = SimulatedPlatform.FromScenario(scenario, clock);
        var events = new RecordingReporter();
        var job = Job(scenario);

        var outcome = await new BackupJobRunner(platform, FastTimings, time: clock)
            .RunAsync(job with { Spec = job.Spec with { BackupTimeoutMinutes = 10 } }, events, CancellationToken.None);

        Assert.Equal((RunState.Failed, BackupJobRunner.TimedOut(10)), (outcome.State, outcome.ErrorMessage));
        Assert.Equal(BackupJobRunner.TimedOut(10), events.Single(RunEventKind.StepFailed, BackupStep.Backup).Message);
        Assert.Equal(
        [
            "Backup StepStarted", "Backup StepFailed", "WaitForRelease StepStarted", "WaitForRelease StepSucceeded",
            "DismountTarget StepStarted", "DismountTarget StepSucceeded",
        ], events.StepTrail().Skip(6));
        Assert.False(await platform.VirtualDisks.IsMountedAsync(job.Spec.TargetVhdxPath, CancellationToken.None));
    }

    [Fact]
    public async Task The_backup_step_runs_the_policy_command_and_logs_wbadmin_output()
    {
        var (_, events, _) = await RunAsync(FastHealthy());

        Assert.Equal("wbadmin start backup -backupTarget:B: -allCritical -include:C: -systemState -vssFull -quiet",
            events.Single(RunEventKind.StepStarted, BackupStep.Backup).Message);
        var logs = events.Events.Where(e => e.Kind == RunEventKind.Log && e.Step == BackupStep.Backup).Select(e => e.Message).ToList();
        Assert.Contains("The backup operation to B: is starting.", logs);
        Assert.Contains("Creating a backup of volume Windows(C:), copied (45%).", logs);
        Assert.Contains("The backup operation successfully completed.", logs);
        Assert.Contains(logs, l => l!.StartsWith(@"C:\Windows\Logs\WindowsServerBackup\Backup-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_is_overall_across_volumes_rises_without_repeats_and_ends_at_100()
    {
        var (_, events, _) = await RunAsync(FastHealthy());

        var progress = events.Events.Where(e => e.Kind == RunEventKind.Progress).ToList();
        var percents = progress.Select(e => e.Percent!.Value).ToList();
        Assert.Equal(0, percents[0]);
        Assert.Equal(100, percents[^1]);
        Assert.Equal(percents.Distinct().Order(), percents);
        // Two volumes (EFI System Partition and C:): the EFI partition done is half the run.
        Assert.Contains(progress, e => e.Percent == 50 && e.Message == "SYSTEM(EFI System Partition) (100.00 MB)");
        Assert.All(progress, e => Assert.Equal(BackupStep.Backup, e.Step));
    }

    [Theory]
    [InlineData(PlatformKind.Simulated)]
    [InlineData(PlatformKind.Windows)]
    public async Task A_failed_wbadmin_fails_the_run_with_its_hresult_and_still_waits_and_dismounts(PlatformKind kind)
    {
        var host = PlatformUnderTest.Create(kind, HostBehaviour.BackupFails);
        var (outcome, events) = await RunAsync(host);

        Assert.Equal(new JobOutcome(RunState.Failed, host.FailureCode, host.FailureMessage), outcome);
        Assert.Equal(
            [
                "Preflight StepStarted", "Preflight StepSucceeded", "MountTarget StepStarted", "MountTarget StepSucceeded",
                "WaitForVolume StepStarted", "WaitForVolume StepSucceeded", "Backup StepStarted", "Backup StepFailed",
                "WaitForRelease StepStarted", "WaitForRelease StepSucceeded", "DismountTarget StepStarted", "DismountTarget StepSucceeded",
            ],
            events.StepTrail());
        Assert.Equal(outcome.ErrorMessage, events.Single(RunEventKind.StepFailed, BackupStep.Backup).Message);
        Assert.Equal(["mount " + host.Target, "dismount " + host.Target], host.DiskHistory);
        Assert.False(await host.IsAttachedAsync());
    }

    [Fact]
    public async Task The_simulated_failure_stops_at_its_percentage()
    {
        var (_, events, _) = await RunAsync(FastFailing());

        Assert.Contains(events.Events, e => e.Message == "Creating a backup of volume Windows(C:), copied (40%).");
        Assert.DoesNotContain(events.Events, e => e.Message == "Creating a backup of volume Windows(C:), copied (45%).");
    }

    [Theory]
    [InlineData(PlatformKind.Simulated)]
    [InlineData(PlatformKind.Windows)]
    public async Task Cancelling_during_the_backup_stops_wbadmin_promptly_waits_for_release_and_still_dismounts(PlatformKind kind)
    {
        var host = PlatformUnderTest.Create(kind, HostBehaviour.LongBackup);
        using var cts = new CancellationTokenSource();
        var sinceCancel = new Stopwatch();

        var (outcome, events) = await RunAsync(host, cts.Token,
            onEvent: e => { if (e.Kind == RunEventKind.Progress && !sinceCancel.IsRunning) { sinceCancel.Start(); cts.Cancel(); } });

        Assert.True(sinceCancel.Elapsed < TimeSpan.FromSeconds(2), $"took {sinceCancel.Elapsed} after the cancel");
        Assert.Equal(RunState.Cancelled, outcome.State);
        var trail = events.StepTrail();
        // KNOWLEDGE.md §2: the backup engine lets go of the disk some time after wbadmin stops, cancelled or not.
        Assert.Equal(
            ["Backup StepFailed", "WaitForRelease StepStarted", "WaitForRelease StepSucceeded", "DismountTarget StepStarted", "DismountTarget StepSucceeded"],
            trail.TakeLast(5));
        Assert.Equal(["mount " + host.Target, "dismount " + host.Target], host.DiskHistory);
        Assert.False(await host.IsAttachedAsync());
        // Windows' own account of the stopped backup is read too, but only once the target is dismounted.
        var dismounted = events.Events.Single(e => e.Kind == RunEventKind.StepSucceeded && e.Step == BackupStep.DismountTarget).Sequence;
        Assert.Contains(events.Events, e => e.Kind == RunEventKind.WindowsEvent && e.Sequence > dismounted);
        Assert.Empty(events.VersionReports);
    }

    [Fact]
    public async Task A_mount_vhd_that_never_returns_is_stopped_at_the_mount_time_out_and_the_run_fails_saying_so()
    {
        var scenario = FastHealthy().WithFaults(f => f with { MountHangs = true });
        var platform = SimulatedPlatform.FromScenario(scenario);
        var events = new RecordingReporter();

        var outcome = await new BackupJobRunner(platform, FastTimings with { MountTimeout = TimeSpan.FromMilliseconds(300) })
            .RunAsync(Job(scenario), events, CancellationToken.None);

        Assert.Equal(RunState.Failed, outcome.State);
        Assert.StartsWith("Mount-VHD did not finish within 0.3 s and was stopped; check that \\\\nas01\\backups answers", outcome.ErrorMessage);
        Assert.Equal(["Preflight StepStarted", "Preflight StepSucceeded", "MountTarget StepStarted", "MountTarget StepFailed"], events.StepTrail().Take(4));
        Assert.False(await platform.VirtualDisks.IsMountedAsync(Job(scenario).Spec.TargetVhdxPath, CancellationToken.None));
    }

    [Theory]
    [InlineData(PlatformKind.Simulated)]
    [InlineData(PlatformKind.Windows)]
    public async Task A_volume_that_never_comes_online_fails_wait_for_volume_and_is_dismounted(PlatformKind kind)
    {
        var host = PlatformUnderTest.Create(kind, HostBehaviour.VolumeNeverOnline);

        var (outcome, events) = await RunAsync(host);

        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Equal($"The volume of {host.Target} did not come online at B: within 1 s.", outcome.ErrorMessage);
        Assert.Equal(
            [
                "Preflight StepStarted", "Preflight StepSucceeded", "MountTarget StepStarted", "MountTarget StepSucceeded",
                "WaitForVolume StepStarted", "WaitForVolume StepFailed", "DismountTarget StepStarted", "DismountTarget StepSucceeded",
            ],
            events.StepTrail());
        Assert.Equal(["mount " + host.Target, "dismount " + host.Target], host.DiskHistory);
        Assert.False(await host.IsAttachedAsync());
    }

    [Fact]
    public async Task A_failed_mount_fails_the_run_with_its_message_and_dismounts_nothing()
    {
        var scenario = FastHealthy().WithFaults(f => f with { Mount = new MountFault("Mount-VHD: The network path was not found. (0x80070035)") });

        var (outcome, events, platform) = await RunAsync(scenario);

        Assert.Equal(new JobOutcome(RunState.Failed, "0x80070035", "Mount-VHD: The network path was not found. (0x80070035)"), outcome);
        Assert.Equal("The VHDX is not attached; nothing to dismount.", events.Single(RunEventKind.StepSucceeded, BackupStep.DismountTarget).Message);
        Assert.Equal(["mount-failed " + scenario.Inventory.BackupTarget.Path], platform.VirtualDisks.History);
    }

    [Fact]
    public async Task A_failed_preflight_mounts_nothing()
    {
        var scenario = FastHealthy();
        // D: is one of the host's own volumes.
        var (outcome, events, platform) = await RunAsync(scenario, Job(scenario, driveLetter: "D:"));

        Assert.Equal(RunState.Failed, outcome.State);
        Assert.StartsWith("D: is already used by this host's volume 'VMs'", outcome.ErrorMessage);
        Assert.Equal(["Preflight StepStarted", "Preflight StepFailed"], events.StepTrail());
        Assert.Empty(platform.VirtualDisks.History);
    }

    [Fact]
    public async Task A_disk_still_in_use_after_the_release_wait_is_dismounted_anyway_with_a_warning()
    {
        var scenario = FastHealthy().WithSimulation(s => s with { ReleaseSeconds = 30 });

        var (outcome, events, platform) = await RunAsync(scenario, Job(scenario, dismountWaitSeconds: 0));

        AssertSucceeded(outcome);
        Assert.Contains(events.Events, e => e.Kind == RunEventKind.Log && e.Step == BackupStep.WaitForRelease
            && e.Message == $"Warning: {scenario.Inventory.BackupTarget.Path} is still in use after 0 s; dismounting anyway.");
        Assert.Equal(AllStepsSucceed, events.StepTrail());
        Assert.False(await platform.VirtualDisks.IsMountedAsync(scenario.Inventory.BackupTarget.Path!, default));
    }

    [Fact]
    public async Task A_vhdx_left_attached_by_an_earlier_run_is_dismounted_before_mounting()
    {
        var scenario = FastHealthy();
        var platform = SimulatedPlatform.FromScenario(scenario);
        var target = scenario.Inventory.BackupTarget.Path!;
        await platform.VirtualDisks.MountAsync(target, "B:", default);
        var events = new RecordingReporter();

        var outcome = await new BackupJobRunner(platform, FastTimings).RunAsync(Job(scenario), events, default);

        AssertSucceeded(outcome);
        Assert.Equal(["mount " + target, "dismount " + target, "mount " + target, "dismount " + target], platform.VirtualDisks.History);
    }

    [Fact]
    public async Task A_vm_skipped_by_the_snapshot_makes_the_run_partial_never_a_plain_success()
    {
        var skipped = "The component APPSRV01(Online) was skipped during the snapshot and will not be available for recovery. "
            + "Error: The writer experienced a non-transient error. If the backup process is retried, the error is likely to reoccur";
        var scenario = FastHealthy().WithFaults(f => f with { SnapshotWarnings = [skipped] });

        var (outcome, events, _) = await RunAsync(scenario);

        // KNOWLEDGE.md §3: the backup folder looks complete, but the VM cannot be restored from it.
        Assert.Equal(RunState.Partial, outcome.State);
        Assert.Contains("APPSRV01(Online)", outcome.ErrorMessage);
        Assert.Contains(events.Events, e => e.Message == skipped);
        Assert.Contains(events.Events, e => e.Message!.StartsWith("Warning: APPSRV01(Online) was skipped by the snapshot", StringComparison.Ordinal));
        Assert.Contains("APPSRV01(Online)", events.Single(RunEventKind.StepSucceeded, BackupStep.Backup).Message);
    }

    [Fact]
    public async Task A_run_cancelled_before_it_starts_touches_nothing()
    {
        var (outcome, events, platform) = await RunAsync(FastHealthy(), ct: new CancellationToken(canceled: true));

        Assert.Equal(RunState.Cancelled, outcome.State);
        Assert.Equal(["Preflight StepStarted", "Preflight StepFailed"], events.StepTrail());
        Assert.Empty(platform.VirtualDisks.History);
    }

    [Theory]
    [InlineData(PlatformKind.Simulated)]
    [InlineData(PlatformKind.Windows)]
    public async Task A_healthy_run_lists_the_versions_while_attached_and_attaches_the_backup_events(PlatformKind kind)
    {
        var host = PlatformUnderTest.Create(kind, HostBehaviour.Healthy);
        var (outcome, events) = await RunAsync(host);

        AssertSucceeded(outcome);
        var report = Assert.Single(events.VersionReports);
        Assert.Equal(host.Target, report.TargetPath);
        Assert.NotEmpty(report.Versions);
        var windowsEvents = events.Events.Where(e => e.Kind == RunEventKind.WindowsEvent).ToList();
        Assert.NotEmpty(windowsEvents);
        Assert.All(windowsEvents, e => Assert.Equal(BackupStep.Backup, e.Step));
        Assert.All(windowsEvents, e => Assert.Matches(@"^Event \d+ \(\w+\) \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: ", e.Message));
        // Both come before the dismount, while the target is still attached.
        var dismount = events.Single(RunEventKind.StepStarted, BackupStep.DismountTarget).Sequence;
        Assert.All(windowsEvents, e => Assert.True(e.Sequence < dismount));
        if (kind == PlatformKind.Simulated)
        {
            var bytes = Assert.NotNull(outcome.BytesTransferred);
            Assert.True(bytes > 0);
            Assert.Contains(events.Events, e => e.Message == $"Windows reports {bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes written to the target (event 4).");
        }
    }

    [Fact]
    public async Task A_simulated_success_leaves_a_version_in_the_wbadmin_format_and_events_1_14_and_4()
    {
        var (_, events, _) = await RunAsync(FastHealthy());

        var version = Assert.Single(Assert.Single(events.VersionReports).Versions);
        Assert.Matches(@"^\d\d/\d\d/\d{4}-\d\d:\d\d$", version.VersionIdentifier);
        Assert.Equal("Fixed Disk labeled B:", version.BackupTarget);
        Assert.Equal(["Volume(s)", "File(s)", "Application(s)", "Virtual Machine(s)", "Bare Metal Recovery", "System State"], version.CanRecover);
        Assert.Equal(["1", "14", "4"], events.Events.Where(e => e.Kind == RunEventKind.WindowsEvent).Select(e => e.Message!.Split(' ')[1]));
    }

    [Fact]
    public async Task A_simulated_failure_attaches_event_5_with_the_hresult_and_windows_words_and_adds_no_version()
    {
        var (outcome, events, _) = await RunAsync(FastFailing());

        Assert.Equal("0x80780119", outcome.ErrorCode);
        var failure = Assert.Single(events.Events, e => e.Kind == RunEventKind.WindowsEvent && e.Message!.StartsWith("Event 5 (Error) ", StringComparison.Ordinal));
        Assert.Matches(@": The backup operation that started at '[^']+' has failed with following error code '0x80780119' "
            + @"\(There is not enough disk space to create the volume shadow copy on the storage location\)\. Please review", failure.Message);
        Assert.Empty(Assert.Single(events.VersionReports).Versions);
    }

    [Fact]
    public async Task Versions_that_cannot_be_listed_and_events_that_cannot_be_read_are_logged_and_the_run_still_succeeds()
    {
        // The events script "prints" something that is not JSON.
        var host = new Windows.FakeWindowsHost { VersionsExitCode = 1, EventsRecording = "powershell-error-clixml.txt" };
        var events = new RecordingReporter();

        var outcome = await new BackupJobRunner(host.Platform, FastTimings).RunAsync(Job(FastHealthy()), events, default);

        AssertSucceeded(outcome);
        Assert.Empty(events.VersionReports);
        Assert.Contains(events.Events, e => e.Kind == RunEventKind.Log && e.Message!.StartsWith("Could not list the backup versions on the target: wbadmin get versions exited with code 1", StringComparison.Ordinal));
        Assert.Contains(events.Events, e => e.Kind == RunEventKind.Log && e.Message!.StartsWith("Could not read the Microsoft-Windows-Backup events: ", StringComparison.Ordinal));
        Assert.Equal(AllStepsSucceed, events.StepTrail());
        Assert.False(host.IsAttached);
    }

    [Fact]
    public async Task A_wbadmin_success_that_windows_logged_as_failed_is_a_failed_run()
    {
        // wbadmin printed its success sentence and exited 0, but event 5 of the run's time says otherwise.
        var host = new Windows.FakeWindowsHost { EventsRecording = "get-winevent-many.json" };
        var reporter = new RecordingReporter();

        var outcome = await new BackupJobRunner(host.Platform, FastTimings).RunAsync(Job(FastHealthy()), reporter, CancellationToken.None);

        Assert.Equal(RunState.Failed, outcome.State);
        Assert.Equal("0x80780119", outcome.ErrorCode);
        Assert.StartsWith("wbadmin reported success, but Windows logged event 5:", outcome.ErrorMessage);
        Assert.False(host.IsAttached);
    }

    [Fact]
    public async Task A_success_without_event_4_stays_a_success_but_says_the_event_is_missing()
    {
        var host = new Windows.FakeWindowsHost { EventsRecording = null };
        var reporter = new RecordingReporter();

        var outcome = await new BackupJobRunner(host.Platform, FastTimings).RunAsync(Job(FastHealthy()), reporter, CancellationToken.None);

        Assert.Equal(RunState.Succeeded, outcome.State);
        Assert.Contains(reporter.Events, e => e.Kind == RunEventKind.Log && e.Message!.Contains("has not (yet) logged event 4"));
    }
}
