using System.Globalization;
using System.Text.RegularExpressions;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

/// <summary>The host page's tags and chart, and what every page shares: the viewer's time zone and the theme.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostDashboardTests(BrowserFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    private async Task<IPage> OpenHostAsync(Guid hostId, ViewportSize? viewport = null, string? timeZone = null)
    {
        var page = await fixture.Browser.SignInAsync(fixture.Server, viewport: viewport, timeZone: timeZone);
        await page.GotoAsync($"/hosts/{hostId}");
        await page.WaitForLiveAsync();
        return page;
    }

    [Fact]
    public async Task Tags_are_added_and_removed_on_the_host_page_a_bad_one_is_refused_and_the_fleet_filters_by_them()
    {
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName("TAGS"));
        var site = "site:" + host.HostName.ToLowerInvariant();
        var page = await OpenHostAsync(host.HostId);
        var editor = page.GetByTestId("host-tags");
        var field = editor.GetByLabel("Add a tag");

        foreach (var tag in new[] { site, "role:dc" })
        {
            await field.FillAsync(tag);
            await field.PressAsync("Enter");
            await Assertions.Expect(editor.Locator($"[data-tag='{tag}']")).ToBeVisibleAsync();
        }
        Assert.Equal([site, "role:dc"], await _api.TagsAsync(host.HostId));

        await field.FillAsync("<b>bold</b>");
        await field.PressAsync("Enter");
        await Assertions.Expect(editor).ToContainTextAsync(HostTags.Rule);
        Assert.Equal([site, "role:dc"], await _api.TagsAsync(host.HostId));

        await editor.Locator("[data-tag='role:dc'] .mud-chip-close-button").ClickAsync();
        await Assertions.Expect(editor.Locator("[data-tag='role:dc']")).ToHaveCountAsync(0);
        await _api.GetJsonUntilAsync($"/api/v1/hosts/{host.HostId}", h => h.GetProperty("tags").GetArrayLength() == 1);
        Assert.Equal([site], await _api.TagsAsync(host.HostId));
        await page.SaveScreenshotAsync("host");

        // On the fleet page the tag is a link to the fleet filtered by it.
        await page.GotoAsync("/?search=" + host.HostName);
        await page.WaitForLiveAsync();
        await page.Locator($"tr:has-text('{host.HostName}') [data-tag='{site}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("tag=" + Regex.Escape(Uri.EscapeDataString(site))));
        var rows = page.GetByTestId("fleet-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync(host.HostName);
        await page.SaveScreenshotAsync("fleet");
    }

    [Fact]
    public async Task The_host_page_charts_the_duration_and_throughput_of_its_completed_backups_and_fits_a_laptop_screen()
    {
        await using var host = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-healthy.json", prefix: "CHART");
        for (var i = 0; i < 3; i++)
            await _api.RunToEndAsync(host.HostId);

        var page = await OpenHostAsync(host.HostId, new ViewportSize { Width = 1280, Height = 720 });

        await Assertions.Expect(page.GetByTestId("run-trend")).ToHaveAttributeAsync("data-runs", "3");
        await Assertions.Expect(page.GetByTestId("run-trend-duration").Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("run-trend-throughput").Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("run-trend-throughput")).ToContainTextAsync("GB/s"); // the simulation copies fast
        await Assertions.Expect(page.GetByTestId("host-facts")).ToContainTextAsync("(connected)");
        await Assertions.Expect(page.GetByTestId("host-facts")).ToContainTextAsync("last contact 20");
        await page.AssertNoHorizontalOverflowAsync();
        await page.SaveScreenshotAsync();
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    public async Task Times_are_shown_in_the_browsers_time_zone_which_is_named(string zone)
    {
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName("TZ"));
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(host.HostName));
        var nextRun = (await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}")).ReadJsonAsync()).GetProperty("nextRunAt").GetDateTimeOffset();

        var page = await OpenHostAsync(host.HostId, timeZone: zone);

        await Assertions.Expect(page.GetByTestId("time-zone")).ToHaveTextAsync(zone);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var offset = tz.GetUtcOffset(nextRun);
        var shown = TimeZoneInfo.ConvertTime(nextRun, tz).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            + $" UTC{(offset < TimeSpan.Zero ? "-" : "+")}{Math.Abs(offset.Hours)}";
        await Assertions.Expect(page.GetByTestId("host-facts")).ToContainTextAsync("next run " + shown);
        await page.SaveScreenshotAsync(zone.Replace('/', '-'));
    }

    [Fact]
    public async Task The_dark_theme_is_switched_in_the_app_bar_and_remembered_on_the_next_visit()
    {
        var page = await fixture.Browser.SignInAsync(fixture.Server);
        Assert.True(await BackgroundLightnessAsync(page) > 0.8);

        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.WaitForFunctionAsync($"() => ({Lightness})() < 0.3");
        await page.SaveScreenshotAsync("fleet");

        // The next page load comes dark from the server already.
        await page.GotoAsync("/problems");
        Assert.True(await BackgroundLightnessAsync(page) < 0.3);
        await page.WaitForLiveAsync();
        await page.SaveScreenshotAsync("problems");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.WaitForFunctionAsync($"() => ({Lightness})() > 0.8");
    }

    /// <summary>The page background's lightness, 0 (black) to 1 (white), as a JavaScript function.</summary>
    private const string Lightness = """
        () => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
            return (Math.max(r, g, b) + Math.min(r, g, b)) / 510;
        }
        """;

    private static async Task<double> BackgroundLightnessAsync(IPage page) => await page.EvaluateAsync<double>(Lightness);
}
