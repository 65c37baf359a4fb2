using BackupFleet.Bench.Figures;

namespace BackupFleet.Tests.Bench;

/// <summary>The wave figure's measure of the dispatcher's delay: time a run waited with a slot of its NAS free for it.</summary>
public sealed class FreeSlotWaitTests
{
    private static readonly DateTimeOffset Minute = new(2026, 12, 7, 22, 0, 0, TimeSpan.Zero);

    private static WaveRun Run(int order, double claimed, double? ended) => new(
        new Guid(order, 0, 0, new byte[8]), "nas01", Minute, Minute.AddSeconds(claimed), ended is { } e ? Minute.AddSeconds(e) : null);

    [Fact]
    public void A_slot_left_free_after_a_run_ended_is_charged_to_the_next_in_line()
    {
        var waits = FreeSlotWait.Of([Run(1, 0, 10), Run(2, 12, null)], limit: 1).ToList();

        Assert.Equal([0, 2], waits);
    }

    [Fact]
    public void A_run_behind_another_is_not_charged_with_the_slot_the_one_ahead_will_take()
    {
        // The slot is free from 10 to 20 s: the second run's turn, not the third's, which waits for the limit throughout.
        var waits = FreeSlotWait.Of([Run(1, 0, 10), Run(2, 20, 30), Run(3, 30, null)], limit: 1).ToList();

        Assert.Equal([0, 10, 0], waits);
    }

    [Fact]
    public void Each_NAS_is_its_own_queue()
    {
        var other = Run(9, 0, 100) with { Nas = "nas02" };

        var waits = FreeSlotWait.Of([Run(1, 0, 10), Run(2, 15, null), other], limit: 1).ToList();

        Assert.Equal([0, 5, 0], waits);
    }
}
