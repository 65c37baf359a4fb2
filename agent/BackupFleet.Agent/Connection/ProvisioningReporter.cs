using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Provisioning;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Connection;

/// <summary>
/// Delivers one provisioning job's output lines and its end. Sends go one at a time and a line counts as sent only once
/// the server answered, so a resend after a lost answer starts where the server's copy ends; the end is retried until
/// it is delivered or the agent stops.
/// </summary>
internal sealed class ProvisioningReporter(IAgentHub hub, Guid jobId, Backoff backoff, ILogger log) : IDisposable
{
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _sending = new(1, 1);
    private int _sent;

    public void Add(string line)
    {
        lock (_lines)
            _lines.Add(line);
        // Best effort while running: a line that does not go now goes with the next one or with the end.
        _ = SendAsync(ProvisioningState.Running, null, CancellationToken.None);
    }

    public async Task FinishAsync(ProvisioningState state, string? error, CancellationToken ct)
    {
        for (var attempt = 0L; !await SendAsync(state, error, ct); attempt++)
            await Task.Delay(backoff.Delay(attempt), ct);
    }

    private async Task<bool> SendAsync(ProvisioningState state, string? error, CancellationToken ct)
    {
        await _sending.WaitAsync(ct);
        try
        {
            int first;
            string[] batch;
            lock (_lines)
                (first, batch) = (_sent, _lines.Skip(_sent).ToArray());
            if (batch.Length == 0 && state == ProvisioningState.Running)
                return true;
            await hub.ReportProvisioning(new ProvisioningUpdate(jobId, first, batch, state, error)).WaitAsync(ct);
            lock (_lines)
                _sent = first + batch.Length;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Provisioning {JobId}: could not report to the server ({Error}); will resend", jobId, e.Message);
            return false;
        }
        finally
        {
            _sending.Release();
        }
    }

    public void Dispose() => _sending.Dispose();
}
