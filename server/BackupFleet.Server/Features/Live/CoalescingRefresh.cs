namespace BackupFleet.Server.Features.Live;

/// <summary>
/// Turns a burst of change notifications into one reload after a short delay, with never two reloads at once,
/// so a busy fleet cannot flood a page or make it show the same lines twice.
/// </summary>
public sealed class CoalescingRefresh(TimeSpan delay, Func<Task> refresh, ILogger log) : IDisposable
{
    private int _requested;
    private int _looping;
    private volatile bool _disposed;

    public void Request()
    {
        if (_disposed)
            return;
        Volatile.Write(ref _requested, 1);
        if (Interlocked.CompareExchange(ref _looping, 1, 0) == 0)
            _ = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            await Task.Delay(delay);
            Volatile.Write(ref _requested, 0);
            if (_disposed)
                return;
            try { await refresh(); }
            catch (Exception e) when (e is ObjectDisposedException or TaskCanceledException) { return; }
            catch (Exception e) { log.LogWarning(e, "A refresh after a change failed"); }

            if (Volatile.Read(ref _requested) == 1)
                continue;
            Volatile.Write(ref _looping, 0);
            // A request that came between the check and the release saw the loop running and left it to us.
            if (Volatile.Read(ref _requested) == 0 || Interlocked.CompareExchange(ref _looping, 1, 0) != 0)
                return;
        }
    }

    public void Dispose() => _disposed = true;
}
