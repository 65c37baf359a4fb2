namespace BackupFleet.Server.Features.Live;

/// <summary>Turns a burst of change notifications into one reload after a short delay, so a busy fleet does not flood a page.</summary>
public sealed class CoalescingRefresh(TimeSpan delay, Func<Task> refresh, ILogger log) : IDisposable
{
    private int _pending;
    private volatile bool _disposed;

    public void Request()
    {
        if (_disposed || Interlocked.Exchange(ref _pending, 1) == 1)
            return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(delay);
            Interlocked.Exchange(ref _pending, 0);
            if (_disposed)
                return;
            try { await refresh(); }
            catch (Exception e) when (e is ObjectDisposedException or TaskCanceledException) { }
            catch (Exception e) { log.LogWarning(e, "A live dashboard refresh failed"); }
        });
    }

    public void Dispose() => _disposed = true;
}
