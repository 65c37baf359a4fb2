using System.Threading.Channels;
using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Journal;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Connection;

/// <summary>
/// Numbers a run's events 1, 2, 3…, writes each to the journal and sends them in batches (every EventFlushInterval, or at
/// once when EventBatchSize are waiting). While the server cannot be reached they wait and are retried with backoff, in
/// order; the server stores them idempotently by sequence, so a batch sent twice is harmless. Then the run is completed.
/// The journal drops what the server acknowledged; what it did not is replayed after a restart (<see cref="JournaledRun"/>).
/// The target's versions go out once, on their own: a lost list is only logged, as the next run lists them again.
/// </summary>
internal sealed class HubRunReporter : IRunReporter, IAsyncDisposable
{
    // The server refuses longer messages and bigger batches (AgentInput.MaxMessageLength, MaxEventsPerBatch).
    private const int MaxMessageLength = 8000;
    internal const int MaxEventsPerCall = 500;
    private const int MaxBatchBytes = 256 * 1024;
    private const int EventOverheadBytes = 160;
    // A lost connection is cured by waiting; a server that keeps refusing the same call (HubException) is not.
    private const int MaxRefusals = 5;

    private readonly Guid _runId;
    private readonly IAgentHub _hub;
    private readonly RunJournal _journal;
    private readonly AgentTimings _timings;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    private readonly object _gate = new();
    private readonly List<RunEventDto> _pending = [];
    private readonly Channel<bool> _wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stopPump = new();
    private readonly Task _pump;
    private Task _versionsSend = Task.CompletedTask;
    private int _sequence;
    private int _failures;
    private int _refusals;
    private int _disposed;

    /// <param name="resume">A run read back from the journal: its unsent events go first, and numbering continues after its last.</param>
    public HubRunReporter(Guid runId, IAgentHub hub, RunJournal journal, AgentTimings timings, ILogger log, TimeProvider? time = null, JournaledRun? resume = null)
    {
        (_runId, _hub, _journal, _timings, _log, _time) = (runId, hub, journal, timings, log, time ?? TimeProvider.System);
        _backoff = Backoff.From(timings);
        if (resume is not null)
        {
            _sequence = resume.LastSequence;
            _pending.AddRange(resume.Unsent);
        }
        _pump = Task.Run(PumpAsync);
    }

    public int LastSequence
    {
        get { lock (_gate) return _sequence; }
    }

    /// <summary>Events not yet acknowledged by the server.</summary>
    public int PendingCount
    {
        get { lock (_gate) return _pending.Count; }
    }

    public void Emit(RunEventKind kind, BackupStep? step, string? message = null, double? percent = null)
    {
        message = Truncate(message);
        percent = percent is { } p ? Math.Clamp(p, 0, 100) : null;
        int waiting;
        lock (_gate)
        {
            var e = new RunEventDto(++_sequence, _time.GetUtcNow(), kind, step, message, percent);
            _journal.Append(_runId, e);
            _pending.Add(e);
            waiting = _pending.Count;
        }
        // While sends are failing, the backoff decides when to try again, not the growing pile.
        if (waiting >= _timings.EventBatchSize && Volatile.Read(ref _failures) == 0)
            Nudge();
    }

    public void ReportVersions(BackupVersionsReport report)
    {
        lock (_gate)
            _versionsSend = SendVersionsAsync(report, _versionsSend);
    }

    private async Task SendVersionsAsync(BackupVersionsReport report, Task previous)
    {
        await previous;
        try
        {
            await _hub.ReportBackupVersions(report);
        }
        catch (Exception e)
        {
            _log.LogWarning("Run {RunId}: could not report the {Count} backup versions on {Target}: {Error}", _runId, report.Versions.Count, report.TargetPath, e.Message);
        }
    }

    /// <summary>Sends now instead of at the next flush or retry, e.g. right after the connection came back.</summary>
    public void Nudge() => _wakeups.Writer.TryWrite(true);

    /// <summary>Journals the run's end at once (the run emits nothing more), then delivers it (see <see cref="DeliverAsync"/>).</summary>
    public async Task<RunCompletion> CompleteAsync(JobOutcome outcome, CancellationToken ct)
    {
        var completion = new RunCompletion(_runId, outcome.State, _time.GetUtcNow(), outcome.ErrorCode, Truncate(outcome.ErrorMessage), LastSequence,
            outcome.BytesTransferred);
        _journal.Completed(completion);
        return await DeliverAsync(completion, ct);
    }

    /// <summary>Sends every event still waiting, then the run's completion; retries until done or <paramref name="ct"/> ends.</summary>
    /// <exception cref="OperationCanceledException">Gave up at <paramref name="ct"/>; the journal keeps what was not sent.</exception>
    /// <exception cref="ReportRefusedException">The server kept refusing.</exception>
    public async Task<RunCompletion> DeliverAsync(RunCompletion completion, CancellationToken ct)
    {
        await StopPumpAsync();
        await SendPendingAsync(ct);
        while (true)
        {
            try
            {
                await _hub.CompleteRun(completion);
                _journal.Delivered(_runId);
                return completion;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await FailedAsync(e, "complete the run", ct);
            }
        }
    }

    private async Task PumpAsync()
    {
        var ct = _stopPump.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await WaitAsync(_timings.EventFlushInterval, ct);
                await SendPendingAsync(ct);
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopped in the middle of a send that failed: what it carried is still pending for the final send.
        }
        catch (ReportRefusedException e)
        {
            // CompleteAsync tries once more and then reports the refusal to the caller.
            _log.LogError("{Message}", e.Message);
        }
    }

    private async Task StopPumpAsync()
    {
        if (!_stopPump.IsCancellationRequested)
            await _stopPump.CancelAsync();
        await _pump;
    }

    private async Task SendPendingAsync(CancellationToken ct)
    {
        await _sending.WaitAsync(ct);
        try
        {
            while (true)
            {
                RunEventDto[] batch;
                lock (_gate)
                {
                    if (_pending.Count == 0)
                        return;
                    batch = TakeBatch();
                }
                try
                {
                    await _hub.ReportEvents(new RunEventBatch(_runId, batch));
                    lock (_gate)
                        _pending.RemoveRange(0, batch.Length);
                    _journal.Acknowledged(_runId, batch[^1].Sequence);
                    if (_failures > 0)
                        _log.LogInformation("Run {RunId}: events delivered again after {Failures} failed attempts", _runId, _failures);
                    (_failures, _refusals) = (0, 0);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    await FailedAsync(e, $"send {batch.Length} events", ct);
                }
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task FailedAsync(Exception e, string what, CancellationToken ct)
    {
        _failures++;
        if (e is HubException && !HubErrors.IsTryAgain(e.Message) && ++_refusals >= MaxRefusals)
            throw new ReportRefusedException($"Run {_runId}: the server refused to {what} {_refusals} times; giving up: {e.Message}", e);
        var delay = _backoff.Delay(_failures - 1);
        if (_failures == 1)
            _log.LogWarning("Run {RunId}: could not {What} ({Error}); keeping them in memory and retrying", _runId, what, e.Message);
        else
            _log.LogDebug("Run {RunId}: could not {What} (attempt {Attempt}, next in {Delay}): {Error}", _runId, what, _failures, delay, e.Message);
        await WaitAsync(delay, ct);
    }

    /// <summary>Waits for <paramref name="delay"/> or a nudge, whichever comes first.</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(delay);
        try
        {
            await _wakeups.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>The oldest waiting events that fit one hub message: the server refuses messages over 1 MB.</summary>
    private RunEventDto[] TakeBatch()
    {
        var bytes = 0;
        var count = 0;
        foreach (var e in _pending)
        {
            bytes += EventOverheadBytes + 3 * (e.Message?.Length ?? 0); // UTF-8 takes at most 3 bytes a UTF-16 unit
            if (count == MaxEventsPerCall || (count > 0 && bytes > MaxBatchBytes))
                break;
            count++;
        }
        return _pending.GetRange(0, count).ToArray();
    }

    /// <summary>Shortens over-long lines and drops NUL characters (wbadmin output read in the wrong encoding has them; PostgreSQL refuses them).</summary>
    private static string? Truncate(string? message)
    {
        if (message is null)
            return null;
        message = message.Replace("\0", "");
        return message.Length > MaxMessageLength ? message[..(MaxMessageLength - 1)] + "…" : message;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await StopPumpAsync();
        Task versions;
        lock (_gate)
            versions = _versionsSend;
        await versions;
        _stopPump.Dispose();
        _sending.Dispose();
    }
}

/// <summary>The server kept refusing a run's events or completion; waiting longer would not help.</summary>
internal sealed class ReportRefusedException(string message, Exception inner) : Exception(message, inner);
