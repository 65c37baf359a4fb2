using BackupFleet.Agent.Platform;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Provisioning;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Connection;

/// <summary>
/// Runs the target provisioning jobs the server sends: one at a time and never beside a backup (both would want the
/// same drive letter and the same share). The server holds backups back while a job runs; this side refuses a job that
/// arrives while a backup runs, saying so.
/// </summary>
internal sealed class ProvisioningCoordinator(IAgentHub hub, IHostPlatform platform, Func<Guid?> activeRunId, AgentTimings timings, ILogger log)
{
    public const string BackupRunning = "A backup is running on this host; create the target after it has ended.";
    public const string Stopping = "The agent stopped before the target was finished; check the share for a half-made file before trying again.";

    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Backoff _backoff = Backoff.From(timings);
    private (Guid JobId, Task Work)? _active;

    public Guid? ActiveJobId
    {
        get { lock (_gate) return _active?.JobId; }
    }

    public Task ProvisionTarget(ProvisionTargetJob job)
    {
        lock (_gate)
        {
            if (_active?.JobId == job.JobId)
                return Task.CompletedTask; // sent again after a reconnect: it is running already
            var refusal = _stop.IsCancellationRequested ? Stopping
                : _active is not null ? $"Provisioning job {_active.Value.JobId} is still running on this host."
                : activeRunId() is { } run ? BackupRunning
                : null;
            if (refusal is not null)
            {
                log.LogWarning("Provisioning {JobId} refused: {Reason}", job.JobId, refusal);
                _ = Task.Run(() => ReportRefusalAsync(job.JobId, refusal));
                return Task.CompletedTask;
            }
            var work = Task.Run(() => RunAsync(job));
            _active = (job.JobId, work);
        }
        return Task.CompletedTask;
    }

    private async Task RunAsync(ProvisionTargetJob job)
    {
        using var reporter = new ProvisioningReporter(hub, job.JobId, _backoff, log);
        var (state, error) = (ProvisioningState.Succeeded, (string?)null);
        try
        {
            // Checked again here, against this host's own name: the server checked the same rules with what it knew.
            var request = TargetRequest.Check(job.VhdxPath, $"{job.SizeBytes / TargetSize.MiB}MB", job.DriveLetter, job.Label,
                platform.ComputerName, field => field);
            if (request.Problems.Count > 0)
                throw new Provisioning.ProvisioningException(string.Join(" ", request.Problems.Select(p => p.Message)));
            log.LogInformation("Provisioning {JobId}: creating {Path} ({Size})", job.JobId, job.VhdxPath, TargetSize.Format(job.SizeBytes));
            await platform.Provisioning.ProvisionAsync(request, line =>
            {
                log.LogInformation("Provisioning {JobId}: {Line}", job.JobId, line);
                reporter.Add(line);
            }, _stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            (state, error) = (ProvisioningState.Failed, Stopping);
        }
        catch (Exception e)
        {
            (state, error) = (ProvisioningState.Failed, e.Message);
            log.LogWarning("Provisioning {JobId} failed: {Error}", job.JobId, e.Message);
        }
        try
        {
            await reporter.FinishAsync(state, error, _stop.IsCancellationRequested ? CancellationToken.None : _stop.Token).WaitAsync(
                _stop.IsCancellationRequested ? timings.ShutdownFlushTimeout : Timeout.InfiniteTimeSpan);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            log.LogWarning("Provisioning {JobId}: the agent stopped before the server had its end ({State})", job.JobId, state);
        }
        finally
        {
            lock (_gate)
                _active = null;
        }
    }

    private async Task ReportRefusalAsync(Guid jobId, string reason)
    {
        using var reporter = new ProvisioningReporter(hub, jobId, _backoff, log);
        try
        {
            await reporter.FinishAsync(ProvisioningState.Failed, reason, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // The agent is stopping; the server marks the job failed when the agent says hello without it.
        }
    }

    /// <summary>Stops a running job (the provisioner still dismounts) and waits, bounded, for its end to be reported.</summary>
    public async Task StopAsync()
    {
        Task? work;
        lock (_gate)
        {
            _stop.Cancel();
            work = _active?.Work;
        }
        if (work is not null)
            await work;
    }
}
