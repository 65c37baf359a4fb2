namespace BackupFleet.Bench.Figures;

/// <summary>One wave run as the database has it: its NAS, its place in the queue, when it was claimed (its slot taken) and ended (freed).</summary>
public sealed record WaveRun(Guid Id, string Nas, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// How long a run waited while a free slot of its NAS was its own: fewer runs held the NAS and waited ahead of it (queued
/// earlier, the dispatcher's turn order) than the limit. That part of its wait (queued to claimed) the NAS limit does not
/// explain, so it is the dispatcher's own delay. Waiting for a slot, or behind runs that will take the free ones first, is
/// the limit doing its job; counting those too charged a run queued fifth in line with every hand-off before its turn.
/// </summary>
public static class FreeSlotWait
{
    /// <summary>Seconds each claimed run waited with a slot of its NAS (limit <paramref name="limit"/>) free for it.</summary>
    public static IEnumerable<double> Of(IReadOnlyList<WaveRun> runs, int limit)
    {
        foreach (var nas in runs.GroupBy(r => r.Nas))
        {
            var onNas = nas.OrderBy(r => r.QueuedAt).ThenBy(r => r.Id).ToList();
            for (var i = 0; i < onNas.Count; i++)
            {
                if (onNas[i].StartedAt is null)
                    continue;
                var others = onNas.Where((_, j) => j != i).ToList();
                yield return Seconds(onNas[i], others, onNas.Take(i).ToList(), limit);
            }
        }
    }

    private static double Seconds(WaveRun run, List<WaveRun> others, List<WaveRun> ahead, int limit)
    {
        var (from, to) = (run.QueuedAt, run.StartedAt!.Value);
        // The moments inside the wait where another run was queued, took or freed a slot cut it into pieces of constant state.
        var cuts = others.SelectMany(o => new[] { o.QueuedAt, o.StartedAt ?? DateTimeOffset.MaxValue, o.FinishedAt ?? DateTimeOffset.MaxValue })
            .Where(t => t > from && t < to).Append(from).Append(to).Distinct().Order().ToList();
        var free = 0.0;
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var at = cuts[i];
            var held = others.Count(o => o.StartedAt <= at && (o.FinishedAt is null || o.FinishedAt > at));
            var waitingAhead = ahead.Count(o => o.QueuedAt <= at && (o.StartedAt is null || o.StartedAt > at));
            if (held + waitingAhead < limit)
                free += (cuts[i + 1] - at).TotalSeconds;
        }
        return free;
    }
}
