namespace BackupFleet.Bench.Report;

/// <summary>
/// One measured line of a figure: its goal in words, the value, the baseline measured in the same run where the figure has one,
/// value ÷ baseline, and whether the goal was met (null when the figure could not be measured; <see cref="Note"/> says why).
/// </summary>
public sealed record FigureRow(string Figure, string Metric, string Goal, double? Value, string Unit, double? Baseline = null, string? BaselineName = null,
    bool? Pass = null, string? Note = null)
{
    public double? Ratio => Value is { } v && Baseline is { } b && b != 0 ? v / b : null;
}

/// <summary>One step of the ramp: what connecting that many agents cost, and what holding them costs.</summary>
/// <param name="ServerIdleCpuPercent">Share of one core the server used while the agents only kept their connections alive.</param>
/// <param name="ServerKbPerAgent">Server memory growth since before the first agent, divided by the agents connected.</param>
/// <param name="PeakDatabaseConnections">Most connections the bench's database had open at once while the step's agents connected.</param>
public sealed record RampStep(int Agents, double ConnectSeconds, int FailedConnects, int Drops, int NotConnected, double ServerRssMb,
    double ServerIdleCpuPercent, double ServerKbPerAgent, double GeneratorRssMb, int ServerOpenFiles, long PeakDatabaseConnections);

/// <summary>Percentiles over latency samples in milliseconds.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyCollection<double> samples, double percentile)
    {
        if (samples.Count == 0)
            return double.NaN;
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
