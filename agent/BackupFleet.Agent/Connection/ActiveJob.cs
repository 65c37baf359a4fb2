using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Connection;

/// <summary>The one backup this agent is running, with what cancelled it (the server or the agent stopping).</summary>
internal sealed class ActiveJob(BackupJob job) : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private string? _cancelReason;

    public BackupJob Job { get; } = job;

    public Guid RunId => Job.RunId;

    public CancellationToken Token => _cancel.Token;

    public Task Completion { get; set; } = Task.CompletedTask;

    public HubRunReporter? Reporter { get; set; }

    /// <summary>Why it was cancelled; the first reason wins.</summary>
    public string? CancelReason => Volatile.Read(ref _cancelReason);

    public void Cancel(string reason)
    {
        Interlocked.CompareExchange(ref _cancelReason, reason, null);
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The job has already ended.
        }
    }

    public void Dispose() => _cancel.Dispose();
}
