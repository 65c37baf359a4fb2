namespace BackupFleet.Bench.Figures;

/// <summary>One wave run as the database has it: its NAS, when it was queued, claimed (its slot taken) and ended (freed).</summary>
public sealed record WaveRun(string Nas, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// How long a run waited while its NAS had a free slot: the part of its wait (queued to claimed) the NAS limit does not
/// explain, and so the dispatcher's own delay. Waiting for a slot is the limit doing its job; waiting beside a free one is not.
/// </summary>
public static class FreeSlotWait
{
    /// <summary>Seconds each claimed run waited with fewer than <paramref name="limit"/> other runs holding its NAS.</summary>
    public static IEnumerable<double> Of(IReadOnlyList<WaveRun> runs, int limit)
    {
        foreach (var nas in runs.GroupBy(r => r.Nas))
        {
            var onNas = nas.ToList();
            foreach (var run in onNas.Where(r => r.StartedAt is not null))
                yield return Seconds(run, onNas.Where(o => !ReferenceEquals(o, run) && o.StartedAt is not null).ToList(), limit);
        }
    }

    private static double Seconds(WaveRun run, List<WaveRun> others, int limit)
    {
        var (from, to) = (run.QueuedAt, run.StartedAt!.Value);
        // The moments inside the wait where another run took or freed a slot cut it into pieces of constant occupancy.
        var cuts = others.SelectMany(o => new[] { o.StartedAt!.Value, o.FinishedAt ?? DateTimeOffset.MaxValue })
            .Where(t => t > from && t < to).Append(from).Append(to).Distinct().Order().ToList();
        var free = 0.0;
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var at = cuts[i];
            var held = others.Count(o => o.StartedAt <= at && (o.FinishedAt is null || o.FinishedAt > at));
            if (held < limit)
                free += (cuts[i + 1] - at).TotalSeconds;
        }
        return free;
    }
}
