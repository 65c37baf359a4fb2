using BackupFleet.Bench.Load;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;
using BackupFleet.Shared.Runs;
using Microsoft.Playwright;

namespace BackupFleet.Bench.Figures;

/// <summary>
/// Figure f: a run event on its way to a dashboard that shows the run. Chromium, signed in, has the run's page open (its Blazor circuit
/// live); the sender reports a marked log line every 300 ms and a MutationObserver in the page notes when each marker appears.
/// Both clocks are this machine's, so seen − sent is the latency.
/// </summary>
public static class DashboardFigure
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Marker = "BENCH-MARK-";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);

    // Looks only at what changed (added nodes, changed text), so watching costs the page little.
    private const string Observer = """
        () => {
            const seen = window.__benchSeen = {};
            const scan = text => {
                if (!text) return;
                for (const m of text.matchAll(/BENCH-MARK-(\d+)/g)) if (!(m[1] in seen)) seen[m[1]] = Date.now();
            };
            new MutationObserver(records => {
                for (const r of records) {
                    if (r.type === 'characterData') scan(r.target.data);
                    for (const n of r.addedNodes) scan(n.textContent);
                }
            }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    public static async Task RunAsync(BenchOptions options, FleetApi api, EventSender sender, BenchReport report)
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./build.sh bench does).");
        await sender.ClaimRunAsync(api);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No outside network here: keep Chromium from trying to reach Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = api.Server.ToString() });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", ServerLauncher.AdminUser);
        await page.FillAsync("#password", ServerLauncher.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login"), new() { WaitUntil = WaitUntilState.Commit });
        await page.GotoAsync($"/runs/{sender.RunId}");
        // The live indicator shows once the circuit is connected, so changes reach the page from then on.
        await page.GetByTestId("live").WaitForAsync();
        await page.GetByTestId("run-log").WaitForAsync();
        await page.EvaluateAsync(Observer);

        var sent = new Dictionary<string, long>();
        for (var n = 0; n < options.DashboardSamples; n++)
        {
            var line = sender.Event(RunEventKind.Log, null, $"{Marker}{n} bench marker line", null);
            sent[n.ToString()] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await sender.ReportAsync([line]);
            await Task.Delay(Interval);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        var seen = await page.EvaluateAsync<Dictionary<string, long>>("() => window.__benchSeen");
        await sender.CompleteAsync();

        var latencies = sent.Where(s => seen.ContainsKey(s.Key)).Select(s => (double)(seen[s.Key] - s.Value)).ToList();
        var missing = sent.Count - latencies.Count;
        var p95 = Percentiles.Of(latencies, 95);
        report.Add(new FigureRow("f. event → dashboard", "p50", "–", Percentiles.Of(latencies, 50), "ms"));
        report.Add(new FigureRow("f. event → dashboard", $"p95 ({latencies.Count} samples)", "< 500 ms", p95, "ms",
            Pass: missing == 0 && p95 < 500, Note: missing > 0 ? $"{missing} of {sent.Count} marker lines never showed on the page" : null));
    }
}
