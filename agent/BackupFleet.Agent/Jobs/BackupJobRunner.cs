using BackupFleet.Shared.Knowledge;
using BackupFleet.Shared.Paths;
using System.Globalization;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform;
using BackupFleet.Agent.Wbadmin;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Agent.Jobs;

/// <summary>
/// Runs one backup through the platform, step by step (KNOWLEDGE.md §2): Preflight → MountTarget → WaitForVolume →
/// Backup → WaitForRelease → DismountTarget. Once a mount has been tried, the dismount runs on every way out:
/// failure, cancellation, agent shutdown. Never throws: every ending becomes a <see cref="JobOutcome"/>.
/// Before the dismount, while the target is still attached, the Windows event log and the target's versions are read;
/// neither ever fails the run.
/// </summary>
public sealed class BackupJobRunner(IHostPlatform platform, AgentTimings? timings = null, ILogger? logger = null, TimeProvider? time = null)
{
    private readonly AgentTimings _timings = timings ?? AgentTimings.Default;
    private readonly ILogger _log = logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<JobOutcome> RunAsync(BackupJob job, IRunReporter events, CancellationToken ct)
    {
        var spec = job.Spec;
        var mountTried = false;
        var backupStarted = false;
        var releaseWaited = false;
        var backupFrom = DateTimeOffset.MinValue;
        var outcome = JobOutcome.Failed("The run ended without an outcome.");
        try
        {
            outcome = await RunStepsAsync();
        }
        finally
        {
            // A cancelled wbadmin still holds the disk for a while: wait for it, bounded by the policy, before dismounting.
            var stopped = backupStarted && !releaseWaited;
            if (stopped)
                await WaitForReleaseAfterCancelAsync(spec, events);
            if (mountTried)
                outcome = await DismountAsync(spec, events, outcome);
            // After the dismount, which must not wait for it (an agent that is stopping has little time).
            if (stopped)
                await AttachEventsAfterCancelAsync(backupFrom, events);
        }
        return outcome;

        async Task<JobOutcome> RunStepsAsync()
        {
            try
            {
                await StepAsync(events, BackupStep.Preflight, "Checking the policy against this host", () => PreflightAsync(spec, events, ct), ct);
                mountTried = true;
                await StepAsync(events, BackupStep.MountTarget, $"Mount-VHD {spec.TargetVhdxPath}", () => MountAsync(spec, events, ct), ct);
                await StepAsync(events, BackupStep.WaitForVolume,
                    $"Waiting up to {spec.MountWaitSeconds} s for the volume to come online at {spec.TargetDriveLetter}", () => WaitForVolumeAsync(spec, ct), ct);
                backupStarted = true;
                backupFrom = _time.GetUtcNow();
                var backup = await BackupAsync(spec, events, ct);
                releaseWaited = true;
                await StepAsync(events, BackupStep.WaitForRelease,
                    $"Waiting up to {spec.DismountWaitSeconds} s for the backup engine to let go of the disk", () => WaitForReleaseAsync(spec, events, ct), ct);
                // Read after the release wait: the engine may log its result a little after wbadmin exits.
                var windowsEvents = await AttachWindowsEventsAsync(backupFrom, events, ct);
                await ListVersionsAsync(spec, events, ct);
                return WithBytesTransferred(Reconcile(backup, windowsEvents, events), windowsEvents, events);
            }
            catch (StepFailedException e)
            {
                return JobOutcome.Failed(e.Message, e.ErrorCode);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return JobOutcome.Cancelled("The run was cancelled.");
            }
            catch (Exception e)
            {
                // A fault in the agent itself, not a step: the run still ends cleanly and the server hears why.
                _log.LogError(e, "The run failed unexpectedly");
                events.Emit(RunEventKind.Log, null, "The agent failed unexpectedly: " + e.Message);
                return JobOutcome.Failed("The agent failed unexpectedly: " + e.Message);
            }
        }
    }

    /// <summary>Sends StepStarted, runs the step, and sends StepSucceeded or StepFailed; failures come out as <see cref="StepFailedException"/>.</summary>
    private async Task StepAsync(IRunReporter events, BackupStep step, string startMessage, Func<Task<string>> body, CancellationToken ct)
    {
        events.Emit(RunEventKind.StepStarted, step, startMessage);
        _log.LogInformation("{Step}: {Message}", step, startMessage);
        try
        {
            ct.ThrowIfCancellationRequested();
            var done = await body();
            events.Emit(RunEventKind.StepSucceeded, step, done);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            events.Emit(RunEventKind.StepFailed, step, "Cancelled.");
            throw;
        }
        catch (Exception e) when (e is not StepFailedException)
        {
            // A platform error (Mount-VHD refused, share unreachable…): the step, and with it the run, fails with its message.
            _log.LogWarning("{Step} failed: {Message}", step, e.Message);
            events.Emit(RunEventKind.StepFailed, step, e.Message);
            throw new StepFailedException(step, e.Message, HResults.FindLast(e.Message));
        }
    }

    private StepFailedException Fail(IRunReporter events, BackupStep step, string message, string? errorCode = null)
    {
        _log.LogWarning("{Step} failed: {Message}", step, message);
        events.Emit(RunEventKind.StepFailed, step, message);
        return new StepFailedException(step, message, errorCode);
    }

    private async Task<string> PreflightAsync(BackupSpec spec, IRunReporter events, CancellationToken ct)
    {
        var inventory = await platform.GetInventoryAsync(ct);
        var problems = PreflightChecks.Check(spec, inventory);
        foreach (var problem in problems)
            events.Emit(RunEventKind.Log, BackupStep.Preflight, "Pre-flight check failed: " + problem);
        if (problems.Count > 0)
            throw Fail(events, BackupStep.Preflight, problems.Count == 1 ? problems[0] : $"{problems.Count} pre-flight checks failed: " + string.Join(" ", problems));

        // The host rules (KNOWLEDGE.md): what they find goes into the run's log; errors stop the run only where the policy says so.
        var findings = HostChecks.Run(inventory).Where(f => f.Severity != FindingSeverity.Info).ToList();
        foreach (var f in findings)
            events.Emit(RunEventKind.Log, BackupStep.Preflight, $"Check {f.Check} ({FindingSeverities.Name(f.Severity)}) on {f.Subject}: {f.Message}");
        var errors = findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (errors.Count > 0 && spec.BlockOnErrorFindings)
            throw Fail(events, BackupStep.Preflight, $"The policy stops a backup when a check finds an error, and {errors.Count} did: "
                + string.Join("; ", errors.Select(f => $"{f.Check} on {f.Subject}")) + ". Fix them (the host page shows how) or turn the option off.");
        var checks = errors.Count > 0 ? $"; {errors.Count} check error(s) logged, not blocking (policy)"
            : findings.Count > 0 ? $"; {findings.Count} check warning(s) logged" : "";
        return $"{spec.TargetVhdxPath} can be mounted at {spec.TargetDriveLetter}{checks}.";
    }

    private async Task<string> MountAsync(BackupSpec spec, IRunReporter events, CancellationToken ct)
    {
        var disks = platform.Disks;
        // KNOWLEDGE.md §2: a VHDX left attached by an interrupted run would make the mount fail; detach it first.
        if (await disks.IsMountedAsync(spec.TargetVhdxPath, ct))
        {
            events.Emit(RunEventKind.Log, BackupStep.MountTarget, "The VHDX was still attached (left by an interrupted run?); dismounting it first.");
            await disks.DismountAsync(spec.TargetVhdxPath, ct);
        }
        using var timeout = new CancellationTokenSource(_timings.MountTimeout, _time);
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await disks.MountAsync(spec.TargetVhdxPath, spec.TargetDriveLetter, limited.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Mount-VHD did not finish within {Seconds(_timings.MountTimeout)} s and was stopped; "
                + $"check that {UncPaths.ShareRoot(spec.TargetVhdxPath)} answers from this host.");
        }
        return $"Attached {spec.TargetVhdxPath}.";
    }

    /// <summary>Polls until the volume is online instead of sleeping a fixed minute as the hand-made script does.</summary>
    private async Task<string> WaitForVolumeAsync(BackupSpec spec, CancellationToken ct)
    {
        var expected = DriveLetters.Normalise(spec.TargetDriveLetter);
        var started = _time.GetTimestamp();
        var limit = TimeSpan.FromSeconds(spec.MountWaitSeconds);
        while (true)
        {
            var volume = await platform.Disks.GetVolumeAsync(spec.TargetVhdxPath, ct);
            if (volume is { IsOnline: true })
            {
                if (!DriveLetters.TryNormalise(volume.DriveLetter, out var letter) || letter != expected)
                    throw new InvalidOperationException($"The volume came online at {volume.DriveLetter ?? "no drive letter"}, not at {expected}, "
                        + $"so wbadmin would write to the wrong place. Free {expected} on this host or change the policy's drive letter.");
                return $"The volume is online at {expected} after {Seconds(_time.GetElapsedTime(started))} s.";
            }
            var remaining = limit - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
                throw new TimeoutException($"The volume of {spec.TargetVhdxPath} did not come online at {expected} within {spec.MountWaitSeconds} s.");
            await Task.Delay(Shorter(_timings.VolumePollInterval, remaining), _time, ct);
        }
    }

    private async Task<JobOutcome> BackupAsync(BackupSpec spec, IRunReporter events, CancellationToken ct)
    {
        var args = WbadminCommand.Build(spec);
        events.Emit(RunEventKind.StepStarted, BackupStep.Backup, WbadminCommand.Display(args));
        _log.LogInformation("Backup: {Command}", WbadminCommand.Display(args));
        var output = new WbadminOutputCollector(events, OverallProgress.ExpectedVolumes(spec), _log);
        // The policy's limit stops a hung wbadmin the way a cancel does; the run then goes on to release and dismount.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(spec.BackupTimeoutMinutes), _time);
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        int exitCode;
        try
        {
            exitCode = await platform.Backup.RunWbadminAsync(args, output.OnLine, limited.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            events.Emit(RunEventKind.StepFailed, BackupStep.Backup, "Cancelled: wbadmin was stopped.");
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var message = TimedOut(spec.BackupTimeoutMinutes);
            Fail(events, BackupStep.Backup, message);
            return JobOutcome.Failed(message);
        }
        catch (Exception e)
        {
            var message = "wbadmin could not be run: " + e.Message;
            Fail(events, BackupStep.Backup, message);
            return JobOutcome.Failed(message, HResults.FindLast(e.Message));
        }

        var result = WbadminOutputParser.Evaluate(exitCode, output.Lines);
        events.Emit(RunEventKind.Log, BackupStep.Backup, $"wbadmin exited with code {exitCode}.");
        if (result.LogFiles.Count > 0)
            events.Emit(RunEventKind.Log, BackupStep.Backup, "wbadmin's log files: " + string.Join(", ", result.LogFiles));
        if (!result.Succeeded)
        {
            var message = result.ErrorMessage ?? "wbadmin failed.";
            Fail(events, BackupStep.Backup, message, result.ErrorCode);
            return JobOutcome.Failed(message, result.ErrorCode);
        }
        output.Completed();
        if (result.SkippedComponents.Count == 0)
        {
            events.Emit(RunEventKind.StepSucceeded, BackupStep.Backup, WbadminOutputParser.SuccessSentence);
            return JobOutcome.Succeeded;
        }
        var skipped = $"{WbadminOutputParser.SuccessSentence} But the snapshot skipped {string.Join(", ", result.SkippedComponents)}: not in this backup.";
        events.Emit(RunEventKind.StepSucceeded, BackupStep.Backup, skipped);
        return JobOutcome.Partial(skipped, result.SkippedErrorCode);
    }

    public static string TimedOut(int minutes) =>
        $"wbadmin did not finish within {minutes} minutes, the policy's time-out, and was stopped. A backup that hangs usually waits on a "
        + "VSS writer (vssadmin list writers shows one not Stable) or on a share that stopped answering.";

    /// <summary>WSB holds the disk for a while after wbadmin exits; dismounting earlier can cut off its last writes.</summary>
    private async Task<string> WaitForReleaseAsync(BackupSpec spec, IRunReporter events, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var limit = TimeSpan.FromSeconds(spec.DismountWaitSeconds);
        while (await platform.Disks.IsInUseAsync(spec.TargetVhdxPath, ct))
        {
            var remaining = limit - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                var warning = $"Warning: {spec.TargetVhdxPath} is still in use after {spec.DismountWaitSeconds} s; dismounting anyway.";
                _log.LogWarning("{Warning}", warning);
                events.Emit(RunEventKind.Log, BackupStep.WaitForRelease, warning);
                return $"Still in use after {spec.DismountWaitSeconds} s; dismounting anyway.";
            }
            await Task.Delay(Shorter(_timings.ReleasePollInterval, remaining), _time, ct);
        }
        return $"Released after {Seconds(_time.GetElapsedTime(started))} s.";
    }

    private async Task WaitForReleaseAfterCancelAsync(BackupSpec spec, IRunReporter events)
    {
        try
        {
            await StepAsync(events, BackupStep.WaitForRelease,
                $"wbadmin was stopped; waiting up to {spec.DismountWaitSeconds} s for the backup engine to let go of the disk",
                () => WaitForReleaseAsync(spec, events, CancellationToken.None), CancellationToken.None);
        }
        catch (StepFailedException)
        {
            // Already reported as the step's failure; the dismount goes ahead regardless.
        }
    }

    /// <summary>
    /// A stopped backup still leaves Windows' account of it in the event log: read as after any backup, with a short limit of
    /// its own since the run's token is already cancelled. The versions are not listed: a stopped backup adds none.
    /// </summary>
    private async Task AttachEventsAfterCancelAsync(DateTimeOffset backupFrom, IRunReporter events)
    {
        using var limit = new CancellationTokenSource(EventsAfterCancelLimit, _time);
        try
        {
            await AttachWindowsEventsAsync(backupFrom, events, limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            events.Emit(RunEventKind.Log, BackupStep.Backup, $"Reading the event log after the cancel took over {Seconds(EventsAfterCancelLimit)} s; skipped.");
        }
    }

    /// <summary>One Get-WinEvent takes seconds; a stopping agent's shutdown time is minutes.</summary>
    private static readonly TimeSpan EventsAfterCancelLimit = TimeSpan.FromSeconds(30);

    /// <summary>The Microsoft-Windows-Backup events since the backup started, each as a WindowsEvent of the Backup step; null when unreadable.</summary>
    private async Task<IReadOnlyList<WindowsBackupEvent>?> AttachWindowsEventsAsync(DateTimeOffset from, IRunReporter events, CancellationToken ct)
    {
        try
        {
            var found = await platform.Backup.GetEventsAsync(from, _time.GetUtcNow(), ct);
            foreach (var e in found)
                events.Emit(RunEventKind.WindowsEvent, BackupStep.Backup, e.Describe());
            return found;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _log.LogWarning("Could not read the Microsoft-Windows-Backup events: {Error}", e.Message);
            events.Emit(RunEventKind.Log, BackupStep.Backup, "Could not read the Microsoft-Windows-Backup events: " + e.Message);
            return null;
        }
    }

    /// <summary>
    /// windows-outputs.md §1: success is exit 0, the success sentence AND event 4. A failure event of the run's time
    /// overrules wbadmin's success; a missing event 4 is only flagged, since when the engine writes it is unverified.
    /// </summary>
    private JobOutcome Reconcile(JobOutcome backup, IReadOnlyList<WindowsBackupEvent>? windowsEvents, IRunReporter events)
    {
        if (backup.State is not (RunState.Succeeded or RunState.Partial) || windowsEvents is null)
            return backup;
        if (windowsEvents.LastOrDefault(e => BackupEventIds.Failed.Contains(e.Id)) is { } failure)
        {
            var message = $"wbadmin reported success, but Windows logged event {failure.Id}: {failure.Message.Trim()}";
            _log.LogWarning("{Message}", message);
            events.Emit(RunEventKind.Log, BackupStep.Backup, message);
            return JobOutcome.Failed(message, failure.ErrorCode);
        }
        if (!windowsEvents.Any(e => e.Id == BackupEventIds.Succeeded))
            events.Emit(RunEventKind.Log, BackupStep.Backup,
                "Warning: Windows has not (yet) logged event 4, \"The backup operation has finished successfully\", for this run.");
        return backup;
    }

    /// <summary>What Windows says the backup wrote (the VolumesInfo of its last event that has one), for the host's throughput chart.</summary>
    private static JobOutcome WithBytesTransferred(JobOutcome outcome, IReadOnlyList<WindowsBackupEvent>? windowsEvents, IRunReporter events)
    {
        if (windowsEvents?.LastOrDefault(e => e.BytesTransferred is not null) is not { BytesTransferred: { } bytes } source)
            return outcome;
        events.Emit(RunEventKind.Log, BackupStep.Backup,
            $"Windows reports {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes written to the target (event {source.Id}).");
        return outcome with { BytesTransferred = bytes };
    }

    /// <summary><c>wbadmin get versions</c> on the still-attached target, reported for the host page.</summary>
    private async Task ListVersionsAsync(BackupSpec spec, IRunReporter events, CancellationToken ct)
    {
        try
        {
            var lines = await platform.Backup.GetVersionsAsync(spec.TargetDriveLetter, ct);
            var versions = WbadminVersionsParser.Parse(lines);
            events.ReportVersions(new BackupVersionsReport(spec.TargetVhdxPath, _time.GetUtcNow(), versions));
            events.Emit(RunEventKind.Log, null, $"{versions.Count} backup version(s) on the target.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _log.LogWarning("Could not list the backup versions on {Path}: {Error}", spec.TargetVhdxPath, e.Message);
            events.Emit(RunEventKind.Log, null, "Could not list the backup versions on the target: " + e.Message);
        }
    }

    /// <summary>
    /// Runs on every way out once a mount was tried, with its own time limit instead of the run's cancellation.
    /// A VHDX left attached breaks the next run, so a failed dismount fails an otherwise successful run.
    /// </summary>
    private async Task<JobOutcome> DismountAsync(BackupSpec spec, IRunReporter events, JobOutcome outcome)
    {
        events.Emit(RunEventKind.StepStarted, BackupStep.DismountTarget, $"Dismount-VHD {spec.TargetVhdxPath}");
        using var limit = new CancellationTokenSource(_timings.DismountTimeout, _time);
        try
        {
            if (!await platform.Disks.IsMountedAsync(spec.TargetVhdxPath, limit.Token))
            {
                events.Emit(RunEventKind.StepSucceeded, BackupStep.DismountTarget, "The VHDX is not attached; nothing to dismount.");
                return outcome;
            }
            await platform.Disks.DismountAsync(spec.TargetVhdxPath, limit.Token);
            events.Emit(RunEventKind.StepSucceeded, BackupStep.DismountTarget, $"Detached {spec.TargetVhdxPath}.");
            _log.LogInformation("DismountTarget: detached {Path}", spec.TargetVhdxPath);
            return outcome;
        }
        catch (Exception e)
        {
            var message = e is OperationCanceledException ? $"Dismount-VHD did not finish within {Seconds(_timings.DismountTimeout)} s." : e.Message;
            _log.LogError("DismountTarget failed, {Path} may still be attached: {Message}", spec.TargetVhdxPath, message);
            events.Emit(RunEventKind.StepFailed, BackupStep.DismountTarget, message);
            return outcome.State is RunState.Succeeded or RunState.Partial
                ? JobOutcome.Failed($"The backup completed, but {spec.TargetVhdxPath} could not be dismounted: {message} Dismount it (Dismount-VHD) before the next run.",
                    HResults.FindLast(message))
                : outcome;
        }
    }

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
