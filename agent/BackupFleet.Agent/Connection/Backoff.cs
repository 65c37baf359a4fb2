namespace BackupFleet.Agent.Connection;

/// <summary>Delays 1, 2, 5, 10, 30, 60 s and then 60 s forever, each varied by ±20 %, so a fleet does not reconnect in lock-step.</summary>
public sealed class Backoff(IReadOnlyList<TimeSpan> steps, double jitter = 0.2, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    public static Backoff From(AgentTimings timings) => new(timings.RetryDelays, timings.RetryJitter);

    /// <param name="attempt">0 for the wait after the first failure.</param>
    public TimeSpan Delay(long attempt)
    {
        if (steps.Count == 0)
            return TimeSpan.Zero;
        var step = steps[(int)Math.Clamp(attempt, 0, steps.Count - 1)];
        return step * (1 + jitter * (2 * _random.NextDouble() - 1));
    }
}
