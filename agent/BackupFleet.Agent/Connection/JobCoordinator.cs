using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Journal;
using BackupFleet.Agent.Platform;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Runs;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Connection;

/// <summary>
/// Takes the jobs the server sends: one backup at a time per agent (the server also holds one Running run per host),
/// each run id at most once, claimed with AcceptJob before anything is touched. Jobs run on their own task so the hub's
/// handler returns at once.
/// </summary>
/// <param name="journal">Where each accepted run's events and end wait until the server has them, across restarts.</param>
/// <param name="lastJob">Where each accepted job's spec is remembered, so a VHDX left attached by a crash is found at the next start.</param>
/// <param name="creatingTarget">True while a provisioning job runs: a backup then is not taken (both want the letter and the share).</param>
internal sealed class JobCoordinator(IAgentHub hub, IHostPlatform platform, AgentTimings timings, ILogger log, TimeProvider time, RunJournal journal,
    LastJobFile? lastJob = null, Func<bool>? creatingTarget = null)
{
    public const string CancelledByServer = "The run was cancelled from the server.";
    public const string CancelledByShutdown = "The run was cancelled because the agent is stopping.";
    public const string InterruptedByStop =
        "The agent stopped during this run (process killed, crash, reboot or power loss) and found it unfinished at its next start; "
        + "the backup's result is unknown: do not rely on it. A target it left attached was dismounted at that start.";
    private const int RememberedRuns = 1000;

    private readonly object _gate = new();
    private readonly LinkedList<Guid> _seenOrder = new();
    private readonly HashSet<Guid> _seen = [];
    private readonly CancellationTokenSource _reporting = new();
    // A job can arrive while the previous one is still delivering its end (the server dispatches the next run as soon as
    // it has stored the last one's completion), so it waits here instead of being dropped.
    private readonly Queue<BackupJob> _waiting = new();
    private readonly InventorySender _inventory = new(hub, platform, log);
    private ActiveJob? _active;
    private bool _stopping;
    private Task _replay = Task.CompletedTask;

    /// <summary>Raised once the server has acknowledged a run's completion.</summary>
    public event Action<RunCompletion>? RunCompleted;

    public Guid? ActiveRunId
    {
        get { lock (_gate) return _active?.RunId; }
    }

    public Task StartBackup(BackupJob job)
    {
        lock (_gate)
        {
            if (_stopping)
                log.LogInformation("Ignoring run {RunId}: the agent is stopping", job.RunId);
            else if (_seen.Contains(job.RunId))
                log.LogInformation("Ignoring run {RunId}: already received", job.RunId);
            else if (creatingTarget?.Invoke() == true)
                // Not remembered: the server sends it again once the provisioning job has ended.
                log.LogWarning("Run {RunId} not taken: the backup target is being created on this host", job.RunId);
            else if (_active is not null)
            {
                log.LogInformation("Run {RunId} waits until run {Active} has ended (one backup at a time)", job.RunId, _active.RunId);
                Remember(job.RunId);
                _waiting.Enqueue(job);
            }
            else
            {
                Remember(job.RunId);
                StartLocked(job);
            }
        }
        return Task.CompletedTask;
    }

    private void StartLocked(BackupJob job)
    {
        var active = new ActiveJob(job);
        _active = active;
        active.Completion = Task.Run(() => RunAsync(active));
    }

    public Task CancelRun(Guid runId)
    {
        lock (_gate)
        {
            if (_active?.RunId == runId)
            {
                log.LogWarning("Run {RunId}: cancelled by the server", runId);
                _active.Cancel(CancelledByServer);
            }
            else
                log.LogInformation("Cancel for run {RunId} ignored: it is not running here", runId);
        }
        return Task.CompletedTask;
    }

    /// <summary>After a reconnect: retry waiting sends now rather than at the end of their backoff.</summary>
    public void ConnectionRestored()
    {
        lock (_gate)
            _active?.Reporter?.Nudge();
    }

    /// <summary>Cancels the running job, lets its dismount finish and tries, for a bounded time, to deliver its end.</summary>
    public async Task StopAsync()
    {
        ActiveJob? active;
        lock (_gate)
        {
            _stopping = true;
            active = _active;
        }
        _reporting.CancelAfter(timings.ShutdownFlushTimeout);
        Task replay;
        lock (_gate)
            replay = _replay;
        if (active is not null)
        {
            active.Cancel(CancelledByShutdown);
            await active.Completion;
        }
        await replay;
    }

    private async Task RunAsync(ActiveJob active)
    {
        using var scope = log.BeginScope("Run {RunId}", active.RunId);
        try
        {
            bool accepted;
            try
            {
                accepted = await hub.AcceptJob(active.RunId);
            }
            catch (Exception e)
            {
                // Not claimed: forget it, so that the server's next dispatch (after Hello) is taken.
                log.LogWarning("Could not claim run {RunId}: {Error}", active.RunId, e.Message);
                lock (_gate)
                    Forget(active.RunId);
                return;
            }
            if (!accepted)
            {
                // Forgotten: when the server holds it back (its NAS is full) it sends it again later, and that must be taken.
                log.LogInformation("Run {RunId} not handed over by the server (claimed elsewhere, no longer queued or its NAS is busy)", active.RunId);
                lock (_gate)
                    Forget(active.RunId);
                return;
            }

            log.LogInformation("Run {RunId} accepted: backing up to {Target}", active.RunId, active.Job.Spec.TargetVhdxPath);
            lastJob?.Save(active.Job.Spec);
            journal.Begin(active.RunId, active.Job.Spec);
            await using var reporter = new HubRunReporter(active.RunId, hub, journal, timings, log, time);
            active.Reporter = reporter;
            var runner = new BackupJobRunner(platform, timings, log, time);
            var outcome = await runner.RunAsync(active.Job, reporter, active.Token);
            if (outcome.State == RunState.Cancelled && active.CancelReason is { } reason)
            {
                outcome = outcome with { ErrorMessage = reason };
                reporter.Emit(RunEventKind.Log, null, reason);
            }
            log.Log(outcome.State == RunState.Succeeded ? LogLevel.Information : LogLevel.Warning,
                "Run {RunId} {State}{Code}{Message}", active.RunId, outcome.State,
                outcome.ErrorCode is null ? "" : $" ({outcome.ErrorCode})", outcome.ErrorMessage is null ? "" : ": " + outcome.ErrorMessage);

            var completion = await reporter.CompleteAsync(outcome, _reporting.Token);
            log.LogInformation("Run {RunId} completion delivered ({Events} events)", active.RunId, completion.LastSequence);
            RunCompleted?.Invoke(completion);
            // The run changed the target (and the VMs may have moved meanwhile): the server's snapshot is refreshed, before the next job starts.
            await _inventory.SendAsync("after the run", _reporting.Token);
        }
        catch (OperationCanceledException) when (_reporting.IsCancellationRequested)
        {
            log.LogWarning("Run {RunId}: the agent stopped before the server had the run's end; the journal keeps it for the next start", active.RunId);
        }
        catch (Exception e)
        {
            log.LogError(e, "Run {RunId}: could not deliver the run's end", active.RunId);
        }
        finally
        {
            active.Reporter = null;
            active.Dispose();
            lock (_gate)
            {
                if (_active == active)
                    _active = null;
                if (_active is null && !_stopping && _waiting.TryDequeue(out var next))
                    StartLocked(next);
            }
        }
    }

    /// <summary>
    /// At start, before connecting: a run the journal holds without an end was cut short by the agent's own stop. It ends
    /// as Interrupted, with a last line that says so; never as the success nobody saw.
    /// </summary>
    public void CloseRunsCutShort()
    {
        foreach (var run in journal.Pending().Where(r => r.Completion is null))
        {
            var now = time.GetUtcNow();
            var sequence = run.LastSequence + 1;
            journal.Append(run.RunId, new RunEventDto(sequence, now, RunEventKind.Log, null, InterruptedByStop, null));
            journal.Completed(new RunCompletion(run.RunId, RunState.Interrupted, now, null, InterruptedByStop, sequence));
            log.LogWarning("Run {RunId} was cut short by the agent's stop; it will be reported as Interrupted", run.RunId);
        }
    }

    /// <summary>The runs whose end the server does not have yet: the server must not take them for lost.</summary>
    public IReadOnlyList<Guid> JournaledRunIds() => journal.RunIds();

    /// <summary>After each Hello: delivers, in order, the ended runs the journal still holds (not the one running now).</summary>
    public void ReplayJournal()
    {
        lock (_gate)
        {
            if (_stopping || !_replay.IsCompleted)
                return;
            _replay = Task.Run(ReplayAsync);
        }
    }

    private async Task ReplayAsync()
    {
        foreach (var run in journal.Pending())
        {
            if (run.Completion is not { } completion || run.RunId == ActiveRunId)
                continue;
            try
            {
                await using var reporter = new HubRunReporter(run.RunId, hub, journal, timings, log, time, resume: run);
                await reporter.DeliverAsync(completion, _reporting.Token);
                log.LogInformation("Run {RunId}: delivered from the journal ({State}, {Events} events not sent before)", run.RunId, completion.State, run.Unsent.Count);
                RunCompleted?.Invoke(completion);
            }
            catch (OperationCanceledException) when (_reporting.IsCancellationRequested)
            {
                return;
            }
            catch (ReportRefusedException e)
            {
                // The server will not take it (it ended the run another way meanwhile): keeping it would repeat this forever.
                log.LogError("Run {RunId}: {Error}; dropped from the journal", run.RunId, e.Message);
                journal.Delivered(run.RunId);
            }
            catch (Exception e)
            {
                log.LogWarning("Run {RunId}: could not deliver it from the journal ({Error}); trying again after the next connect", run.RunId, e.Message);
                return;
            }
        }
    }

    private void Remember(Guid runId)
    {
        _seen.Add(runId);
        _seenOrder.AddLast(runId);
        if (_seenOrder.Count > RememberedRuns)
        {
            _seen.Remove(_seenOrder.First!.Value);
            _seenOrder.RemoveFirst();
        }
    }

    private void Forget(Guid runId)
    {
        _seen.Remove(runId);
        _seenOrder.Remove(runId);
    }
}
