using Microsoft.Playwright;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright; no browser is ever downloaded.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./build.sh test does).");
        var playwright = await Playwright.CreateAsync();
        // Two cores run the server, the agents and Chromium at once: a first render can take more than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // This machine has no outside network: stop Chromium from trying to reach Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <param name="viewport">The window, 1366×900 unless given (laptop screens are 1366×768 and 1280×720).</param>
    /// <param name="timeZone">The browser's IANA time zone, the machine's unless given.</param>
    public static async Task<IPage> SignInAsync(this IBrowser browser, IServerUnderTest server, string userName = TestServer.AdminUser, string password = TestServer.AdminPassword,
        ViewportSize? viewport = null, string? timeZone = null)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = viewport ?? new() { Width = 1366, Height = 900 },
            TimezoneId = timeZone,
        });
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        // Only the navigation away from the form is awaited here; the page's own readiness is the live indicator.
        await page.WaitForURLAsync(url => !url.Contains("/login"), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForLiveAsync();
        return page;
    }

    /// <summary>Waits until the page's circuit is connected, so live updates reach it.</summary>
    public static async Task WaitForLiveAsync(this IPage page) =>
        await Assertions.Expect(page.GetByTestId("live")).ToBeVisibleAsync();

    /// <summary>Neither the page nor any scrolling box in it is wider than the window: nothing to scroll sideways for.</summary>
    public static async Task AssertNoHorizontalOverflowAsync(this IPage page)
    {
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => [document.documentElement, ...document.querySelectorAll('.mud-table-container, .mud-main-content, .mud-paper')]
                .filter(e => e.scrollWidth > e.clientWidth + 1)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${e.scrollWidth} > ${e.clientWidth}`)
            """);
        Assert.Empty(overflowing);
    }
}
