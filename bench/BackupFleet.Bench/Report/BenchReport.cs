using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackupFleet.Bench.Report;

/// <summary>Everything a run measured, printed as tables and written as JSON under bench/results/ to compare runs over time.</summary>
public sealed class BenchReport(BenchOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    /// <summary>How long each part of the set-up took (enrolment, policies, history), in seconds.</summary>
    public Dictionary<string, double> SetupSeconds { get; } = [];
    /// <summary>The settings the server was started with beside its defaults.</summary>
    public Dictionary<string, string> ServerSettings { get; } = [];
    public List<RampStep> Ramp { get; } = [];
    public List<FigureRow> Figures { get; } = [];
    /// <summary>What the bench saw that explains a figure (warnings the agents logged, server errors).</summary>
    public List<string> Notes { get; } = [];

    public void Add(FigureRow row)
    {
        Figures.Add(row);
        Console.WriteLine($"  {row.Figure} · {row.Metric}: {Format(row.Value)} {row.Unit}" + (row.Baseline is { } b ? $" (baseline {Format(b)})" : ""));
    }

    public string Print()
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"BackupFleet bench · {StartedAt:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {MachineMemoryGb():0} GB · commit {GitCommit(options.RepositoryRoot)}");
        text.AppendLine("set-up: " + string.Join(", ", SetupSeconds.Select(s => $"{s.Key} {s.Value:0.0} s")));
        text.AppendLine();
        text.AppendLine(Table(["agents", "connect s", "failed", "drops", "not conn.", "server RSS MB", "idle CPU %", "KB/agent", "generator RSS MB", "server fds", "peak db conns"],
            Ramp.Select(r => new[]
            {
                $"{r.Agents}", $"{r.ConnectSeconds:0.0}", $"{r.FailedConnects}", $"{r.Drops}", $"{r.NotConnected}", $"{r.ServerRssMb:0}",
                $"{r.ServerIdleCpuPercent:0.0}", $"{r.ServerKbPerAgent:0.0}", $"{r.GeneratorRssMb:0}", $"{r.ServerOpenFiles}", $"{r.PeakDatabaseConnections}",
            })));
        text.AppendLine();
        text.AppendLine(Table(["figure", "metric", "goal", "value", "baseline", "ratio", "result"],
            Figures.Select(f => new[]
            {
                f.Figure, f.Metric, f.Goal, $"{Format(f.Value)} {f.Unit}", f.Baseline is { } b ? $"{Format(b)} ({f.BaselineName})" : "",
                f.Ratio is { } r ? $"{r:0.00}×" : "", f.Pass switch { true => "PASS", false => "FAIL", null => "n/a" },
            })));
        foreach (var note in Notes.Concat(Figures.Where(f => f.Note is not null).Select(f => $"{f.Figure} · {f.Metric}: {f.Note}")))
            text.AppendLine("note: " + note);
        return text.ToString();
    }

    /// <summary>Writes bench/results/&lt;UTC start&gt;.json; returns its path.</summary>
    public string Write()
    {
        var folder = Path.Combine(options.RepositoryRoot, "bench", "results");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, StartedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".json");
        var document = new
        {
            date = StartedAt,
            commit = GitCommit(options.RepositoryRoot),
            machine = new { cores = Environment.ProcessorCount, memoryGb = Math.Round(MachineMemoryGb(), 1), os = Environment.OSVersion.VersionString },
            settings = options with { PostgresConnection = "" },
            serverSettings = ServerSettings,
            setupSeconds = SetupSeconds,
            ramp = Ramp,
            figures = Figures.Select(f => new
            {
                f.Figure, f.Metric, f.Goal, f.Value, f.Unit, f.Baseline, f.BaselineName, f.Ratio, f.Pass, f.Note,
            }),
            notes = Notes,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, Json));
        return path;
    }

    private static string Format(double? value) => value switch
    {
        null => "–",
        double.NaN => "–",
        >= 100 => value.Value.ToString("#,0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.0#", CultureInfo.InvariantCulture),
    };

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var all = new[] { header }.Concat(rows).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var (row, n) in all.Select((r, n) => (r, n)))
        {
            text.AppendLine(string.Join(" | ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            if (n == 0)
                text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        }
        return text.ToString().TrimEnd();
    }

    private static double MachineMemoryGb()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
    }

    /// <summary>The commit measured, "-dirty" when the work tree had changes beside it.</summary>
    private static string GitCommit(string root)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "describe", "--always", "--dirty", "--exclude", "*"]) { RedirectStandardOutput = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
