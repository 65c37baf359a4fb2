namespace BackupFleet.Server.Features.Retention;

/// <summary>How long a run's events are kept (settings section "Retention"); the runs themselves are kept for good.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Progress lines (most of a run's events) are removed this long after the run ended. Default 14 days.</summary>
    public TimeSpan ProgressEventsFor { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Every event of a run is removed this long after it ended; its state, times and error stay. Default 400 days.</summary>
    public TimeSpan RunEventsFor { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Runs thinned per statement: small enough not to hold locks long, large enough to keep up with a fleet.</summary>
    public int BatchSize { get; set; } = 500;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ProgressEventsFor < TimeSpan.FromDays(1))
            problems.Add($"{Section}:ProgressEventsFor must be at least 1.00:00:00 (a day): a run's progress must outlive its own page view.");
        if (RunEventsFor < ProgressEventsFor)
            problems.Add($"{Section}:RunEventsFor must be at least {Section}:ProgressEventsFor.");
        if (BatchSize is < 1 or > 100_000)
            problems.Add($"{Section}:BatchSize must be between 1 and 100000.");
        return problems;
    }
}
