namespace BackupFleet.Server.Features.Schedules;

/// <summary>How the server fires the policies' schedules (settings section "Schedules").</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedules";

    /// <summary>How often each node looks for due schedules. Default 1 s: a run is queued within a second of its time.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many due schedules one statement claims and fires. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromMinutes(1))
            problems.Add($"{Section}:PollInterval must be between 00:00:00.1 and 00:01:00.");
        if (BatchSize is < 1 or > 10_000)
            problems.Add($"{Section}:BatchSize must be between 1 and 10000.");
        return problems;
    }
}
