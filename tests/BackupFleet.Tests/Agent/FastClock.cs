namespace BackupFleet.Tests.Agent;

/// <summary>
/// The real clock sped up <paramref name="factor"/> times, timers included: an hour of a simulated backup, or a policy's
/// ten-minute time-out, passes in seconds, and everything that waits through a TimeProvider waits for it alike.
/// </summary>
internal sealed class FastClock(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = System.GetUtcNow();
    private readonly long _startTimestamp = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start + System.GetElapsedTime(_startTimestamp) * factor;

    public override long GetTimestamp() => _startTimestamp + (long)((System.GetTimestamp() - _startTimestamp) * factor);

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new Scaled(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / factor;

    private sealed class Scaled(ITimer inner, FastClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
