using System.Globalization;

namespace BackupFleet.Bench;

/// <summary>What one bench run does; every value has a full-size default and a command-line option for quicker runs.</summary>
public sealed record BenchOptions
{
    /// <summary>The ramp's steps; the last is the fleet every other figure runs against.</summary>
    public IReadOnlyList<int> AgentSteps { get; init; } = [1000, 2500, 5000, 10000];
    /// <summary>Runs written into the history before the ramp (the hosts list figure's database).</summary>
    public int HistoryRuns { get; init; } = 5_000_000;
    public int RunNowSamples { get; init; } = 200;
    /// <summary>Run-now calls made and not counted before the samples, so that they measure a server past its JIT warm-up.</summary>
    public int RunNowWarmup { get; init; } = 50;
    public int IngestSeconds { get; init; } = 20;
    /// <summary>Hosts whose connections report events at once in the ingest figure, each for a run it claimed.</summary>
    public int IngestSenders { get; init; } = 64;
    public int DashboardSamples { get; init; } = 60;
    public int ListSamples { get; init; } = 100;
    /// <summary>The nightly wave's targets are spread over this many NAS shares, each taking <see cref="BackupsPerNas"/> at once.</summary>
    public int NasShares { get; init; } = 100;
    public int BackupsPerNas { get; init; } = 20;
    /// <summary>How long each wave backup copies: long enough that the first round of runs holds every slot past the minute.</summary>
    public int WaveBackupSeconds { get; init; } = 60;
    /// <summary>The letters of every figure measured after the ramp (which always runs: it connects the fleet).</summary>
    public const string AllFigures = "ebcfd";
    /// <summary>The figures to measure after the ramp, by letter.</summary>
    public string Figures { get; init; } = AllFigures;
    public int ServerPort { get; init; } = 5190;
    public int BareHubPort { get; init; } = 5191;
    public string PostgresConnection { get; init; } =
        Environment.GetEnvironmentVariable("BACKUPFLEET_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=backupfleet;Password=backupfleet";
    /// <summary>The repository's root: the server's Release build and the results folder are found from it.</summary>
    public string RepositoryRoot { get; init; } = Directory.GetCurrentDirectory();

    public int Agents => AgentSteps[^1];

    public const string Usage = """
        usage: ./build.sh bench [--agents 1000,2500,5000,10000] [--runs 5000000] [--samples 200] [--warmup 50] [--ingest-seconds 20]
                                [--ingest-senders 64] [--dashboard-samples 60] [--list-samples 100] [--nas 100] [--per-nas 20]
                                [--wave-backup-seconds 60] [--figures ebcfd] [--port 5190] [--bare-port 5191] [--root DIR]
        """;

    /// <exception cref="ArgumentException">An unknown option or a value that is not a positive number; the message says which.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            o = name switch
            {
                "--agents" => o with { AgentSteps = value.Split(',').Select(v => Positive(name, v)).Order().ToList() },
                "--runs" => o with { HistoryRuns = Positive(name, value) },
                "--samples" => o with { RunNowSamples = Positive(name, value) },
                "--warmup" => o with { RunNowWarmup = Positive(name, value) },
                "--ingest-seconds" => o with { IngestSeconds = Positive(name, value) },
                "--ingest-senders" => o with { IngestSenders = Positive(name, value) },
                "--dashboard-samples" => o with { DashboardSamples = Positive(name, value) },
                "--list-samples" => o with { ListSamples = Positive(name, value) },
                "--nas" => o with { NasShares = Positive(name, value) },
                "--per-nas" => o with { BackupsPerNas = Positive(name, value) },
                "--wave-backup-seconds" => o with { WaveBackupSeconds = Positive(name, value) },
                "--figures" => o with { Figures = FigureLetters(value) },
                "--port" => o with { ServerPort = Positive(name, value) },
                "--bare-port" => o with { BareHubPort = Positive(name, value) },
                "--root" => o with { RepositoryRoot = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }
        if (o.RunNowSamples > o.Agents)
            throw new ArgumentException("--samples cannot exceed the number of agents: each sample runs on a host of its own.");
        return o;
    }

    public bool Measures(char figure) => Figures.Contains(figure);

    private static string FigureLetters(string value) =>
        value.Length > 0 && value.All(AllFigures.Contains)
            ? value
            : throw new ArgumentException($"--figures: '{value}' must be letters of the figures to measure, from \"{AllFigures}\" (the ramp a always runs).");

    private static int Positive(string name, string value) =>
        int.TryParse(value.Replace("_", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not a positive whole number.");
}
