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
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // This machine has no outside network: stop Chromium from trying to reach Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    public static async Task<IPage> SignInAsync(this IBrowser browser, TestServer server)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1366, Height = 900 } });
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", TestServer.AdminUser);
        await page.FillAsync("#password", TestServer.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        await page.WaitForLiveAsync();
        return page;
    }

    /// <summary>Waits until the page's circuit is connected, so live updates reach it.</summary>
    public static async Task WaitForLiveAsync(this IPage page) =>
        await Assertions.Expect(page.GetByTestId("live")).ToBeVisibleAsync();
}
