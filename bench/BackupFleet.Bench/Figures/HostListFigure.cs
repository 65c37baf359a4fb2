using System.Diagnostics;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;

namespace BackupFleet.Bench.Figures;

/// <summary>
/// Figure e: the fleet as people look at it, over the large history: GET /api/v1/hosts (first page, filtered, sorted) and the fleet
/// overview page as a signed-in browser first gets it (the prerendered HTML of GET /), one request at a time.
/// </summary>
public static class HostListFigure
{
    private const int WarmUps = 3;

    public static async Task RunAsync(BenchOptions options, FleetApi api, int hostCount, BenchReport report)
    {
        IReadOnlyList<(string Name, string Path)> lists =
        [
            ("hosts, first page", "/api/v1/hosts"),
            ("hosts, health=failed", "/api/v1/hosts?health=failed"),
            ("hosts, search", "/api/v1/hosts?search=BENCH-0042"),
            ("hosts, tag", "/api/v1/hosts?tag=site-07"),
            ("hosts, sort=lastRun desc", "/api/v1/hosts?sort=lastRun&desc=true"),
        ];
        foreach (var (name, path) in lists)
            Add(report, $"{name}", hostCount, await SampleAsync(options.ListSamples, () => api.GetAsync(path)));

        using var browser = await FleetApi.SignInAsync(api.Server);
        Add(report, "fleet overview page (GET /)", hostCount, await SampleAsync(options.ListSamples, async () =>
        {
            using var response = await browser.GetAsync("/");
            var html = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || html.Contains("id=\"password\""))
                throw new InvalidOperationException($"GET / answered {(int)response.StatusCode} without the fleet page.");
        }));
    }

    private static void Add(BenchReport report, string metric, int hostCount, List<double> samples)
    {
        var p95 = Percentiles.Of(samples, 95);
        report.Add(new FigureRow("e. hosts list", $"{metric} p50", "–", Percentiles.Of(samples, 50), "ms"));
        report.Add(new FigureRow("e. hosts list", $"{metric} p95", "< 30 ms", p95, "ms", Pass: p95 < 30,
            Note: hostCount < 10_000 ? $"measured with {hostCount} hosts; the goal is for 10,000" : null));
    }

    private static async Task<List<double>> SampleAsync(int count, Func<Task> request)
    {
        for (var i = 0; i < WarmUps; i++)
            await request();
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await request();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return samples;
    }
}
