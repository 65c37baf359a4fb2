using BackupFleet.Server.Features.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Server;

/// <summary>What keeps a page live but calm: the first change reloads at once, a burst after it reloads once more, never two at once.</summary>
public sealed class CoalescingRefreshTests
{
    private sealed class Counter
    {
        private int _running;
        public int Calls;
        public int MostAtOnce;
        public readonly TaskCompletionSource First = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RefreshAsync()
        {
            var running = Interlocked.Increment(ref _running);
            MostAtOnce = Math.Max(MostAtOnce, running);
            Interlocked.Increment(ref Calls);
            First.TrySetResult();
            await Task.Delay(20);
            Interlocked.Decrement(ref _running);
        }
    }

    [Fact]
    public async Task The_first_change_reloads_without_waiting_for_the_interval()
    {
        var counter = new Counter();
        using var refresh = new CoalescingRefresh(TimeSpan.FromMinutes(10), counter.RefreshAsync, NullLogger.Instance);

        refresh.Request();

        await counter.First.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, counter.Calls);
    }

    [Fact]
    public async Task A_burst_of_changes_after_the_first_becomes_one_more_reload_and_reloads_never_overlap()
    {
        var counter = new Counter();
        using var refresh = new CoalescingRefresh(TimeSpan.FromMilliseconds(500), counter.RefreshAsync, NullLogger.Instance);

        refresh.Request();
        await counter.First.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Parallel.ForAsync(0, 200, (_, _) => { refresh.Request(); return ValueTask.CompletedTask; });
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(2, counter.Calls);
        Assert.Equal(1, counter.MostAtOnce);
    }
}
