namespace BackupFleet.Server.Features.Live;

/// <summary>
/// Reloads at once on the first change, then at most once per <c>interval</c> while changes keep coming, with never two
/// reloads at once: a single change shows without waiting, and a busy fleet cannot flood a page or make it show the same
/// lines twice.
/// </summary>
public sealed class CoalescingRefresh(TimeSpan interval, Func<Task> refresh, ILogger log) : IDisposable
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
            Volatile.Write(ref _requested, 0);
            if (_disposed)
                return;
            try { await refresh(); }
            catch (Exception e) when (e is ObjectDisposedException or TaskCanceledException) { return; }
            catch (Exception e) { log.LogWarning(e, "A refresh after a change failed"); }

            // Changes during the reload or the pause after it are taken in by one more reload.
            await Task.Delay(interval);
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
