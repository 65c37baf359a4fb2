namespace BackupFleet.Bench.Load;

/// <summary>
/// The simulated hosts' clock with their waits stretched by <see cref="Factor"/>: at 1 the fast scenario's backup takes a tenth
/// of a second; the wave stretches it so that a run holds its NAS slot, and its progress lines trickle in, as a real backup's
/// do. Only waits are stretched; the time of day is the system's.
/// </summary>
public sealed class PacedTime : TimeProvider
{
    private double _factor = 1;

    public double Factor
    {
        get => Volatile.Read(ref _factor);
        set => Volatile.Write(ref _factor, value);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        TimeProvider.System.CreateTimer(callback, state, Stretch(dueTime), Stretch(period));

    private TimeSpan Stretch(TimeSpan wait) => wait <= TimeSpan.Zero || wait == Timeout.InfiniteTimeSpan ? wait : wait * Factor;
}
