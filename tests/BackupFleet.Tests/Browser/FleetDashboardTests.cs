using System.Text.RegularExpressions;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

/// <summary>The fleet page over a fleet of its own (<see cref="SeededFleetFixture"/>): summary, filters, order and paging.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FleetDashboardTests(BrowserFixture browser, SeededFleetFixture fleet) : IClassFixture<SeededFleetFixture>, IAsyncLifetime
{
    private readonly List<IPage> _pages = [];

    /// <summary>A signed-in page on the seeded fleet's server at <paramref name="path"/>; closed after the test, before that server stops.</summary>
    private async Task<IPage> OpenAsync(string path = "/", ViewportSize? viewport = null)
    {
        var page = await browser.Browser.SignInAsync(fleet.Server, viewport: viewport);
        _pages.Add(page);
        if (path != "/")
        {
            await page.GotoAsync(path);
            await page.WaitForLiveAsync();
        }
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in _pages)
            await page.Context.CloseAsync();
    }

    private static ILocator Rows(IPage page) => page.GetByTestId("fleet-table").Locator("tbody tr");

    private static async Task<List<string>> RowNamesAsync(IPage page) =>
        [.. await Rows(page).Locator("td[data-label=Host] a").AllInnerTextsAsync()];

    [Fact]
    public async Task The_summary_counts_hosts_by_health_the_backups_of_the_last_day_and_the_share_within_their_rpo()
    {
        var page = await OpenAsync();

        var seededFailed = SeededFleetFixture.Seeded.Count(i => SeededFleetFixture.Health(i) == HostHealth.Failed);
        var seededSucceeded = SeededFleetFixture.Seeded.Count(i => SeededFleetFixture.LastResult(i) == RunState.Succeeded);
        await Assertions.Expect(page.GetByTestId("summary-ok")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("summary-warning")).ToHaveTextAsync("2"); // the Partial one and the one past its RPO
        await Assertions.Expect(page.GetByTestId("summary-failed")).ToHaveTextAsync((seededFailed + 1).ToString());
        await Assertions.Expect(page.GetByTestId("summary-offline")).ToHaveTextAsync((SeededFleetFixture.Count - seededFailed).ToString());
        // Each seeded host's older success is 30 hours old; the healthy agent's own backup is one more.
        await Assertions.Expect(page.GetByTestId("summary-backups")).ToHaveTextAsync((seededSucceeded + 1).ToString());
        await Assertions.Expect(page.GetByTestId("summary-rpo")).ToHaveTextAsync("75 %");
        await Assertions.Expect(page.GetByTestId("summary-rpo-detail")).ToHaveTextAsync("3 of 4 with a policy");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(50);
        await page.SaveScreenshotAsync();

        // A count leads to the hosts it counts.
        await page.GetByTestId("summary-warning").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("health=warning"));
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        Assert.Equal([fleet.Lagging.Name, fleet.Partial.Name], (await RowNamesAsync(page)).Order());
    }

    /// <summary>Picks an option of a filter's menu, opening the menu unless it is open (a multiple choice stays open after a pick).</summary>
    private static async Task ChooseAsync(IPage page, string filterTestId, string option)
    {
        var menu = page.Locator(".mud-popover-open");
        if (await menu.CountAsync() == 0)
            await page.GetByTestId(filterTestId).ClickAsync();
        await menu.Locator(".mud-list-item", new() { HasText = option }).First.ClickAsync();
    }

    private static ILocator SortLabel(IPage page, string column) =>
        page.GetByTestId("fleet-table").Locator("th", new() { HasText = column }).Locator(".mud-table-sort-label");

    [Fact]
    public async Task Search_health_filter_and_order_go_into_the_address_and_the_bookmarked_address_shows_the_same_view()
    {
        var page = await OpenAsync();
        var candidates = Enumerable.Range(100, SeededFleetFixture.Count - 99).ToList(); // GRID-100…: the hosts "GRID-1" finds

        await page.GetByLabel("Search hosts").FillAsync("GRID-1");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("search=GRID-1"));
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(candidates.Count);

        await ChooseAsync(page, "filter-health", "Failed");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("health=failed"));
        var failed = candidates.Where(i => SeededFleetFixture.Health(i) == HostHealth.Failed).ToList();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(failed.Count);
        Assert.Equal(failed.Select(SeededFleetFixture.Name), await RowNamesAsync(page));

        // Last run, newest first: the seeded host i ran i minutes before the seeding.
        await SortLabel(page, "Last run").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=lastRun(?!.*desc=)"));
        await SortLabel(page, "Last run").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=lastRun.*desc=true"));
        var newestFirst = failed.OrderBy(i => i).Select(SeededFleetFixture.Name).ToList();
        await Assertions.Expect(Rows(page).First).ToContainTextAsync(newestFirst[0]);
        Assert.Equal(newestFirst, await RowNamesAsync(page));
        await page.SaveScreenshotAsync("filtered");

        var bookmark = page.Url;
        var again = await OpenAsync(new Uri(bookmark).PathAndQuery);
        await Assertions.Expect(Rows(again)).ToHaveCountAsync(failed.Count);
        Assert.Equal(newestFirst, await RowNamesAsync(again));
        await Assertions.Expect(again.GetByLabel("Search hosts")).ToHaveValueAsync("GRID-1");
        await Assertions.Expect(again.GetByTestId("filter-health")).ToContainTextAsync("Failed");
        await again.SaveScreenshotAsync("bookmark");
    }

    [Fact]
    public async Task Pages_of_the_fleet_follow_the_address_and_survive_a_reload()
    {
        var page = await OpenAsync("/?search=GRID&pageSize=25");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(25);
        await Assertions.Expect(page.Locator(".mud-table-pagination-caption", new() { HasText = " of " })).ToContainTextAsync($"1-25 of {SeededFleetFixture.Count}");

        await page.Locator("button[aria-label='Next page']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Assertions.Expect(Rows(page).First).ToContainTextAsync(SeededFleetFixture.Name(26));

        await page.ReloadAsync();
        await page.WaitForLiveAsync();
        await Assertions.Expect(Rows(page).First).ToContainTextAsync(SeededFleetFixture.Name(26));
        await Assertions.Expect(page.Locator(".mud-table-pagination-caption", new() { HasText = " of " })).ToContainTextAsync($"26-50 of {SeededFleetFixture.Count}");

        // Name, descending: the last page of names comes first.
        await SortLabel(page, "Host").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("desc=true"));
        await page.Locator("button[aria-label='First page']").ClickAsync();
        await Assertions.Expect(Rows(page).First).ToContainTextAsync(SeededFleetFixture.Name(SeededFleetFixture.Count));
        await page.SaveScreenshotAsync();
    }

    [Fact]
    public async Task The_tag_filter_shows_only_the_hosts_with_every_tag_chosen()
    {
        var page = await OpenAsync("/?search=GRID&pageSize=100");

        await ChooseAsync(page, "filter-tags", "site:Oslo");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("tag=site(%3A|:)Oslo"));
        var oslo = SeededFleetFixture.Seeded.Where(i => SeededFleetFixture.Site(i) == "site:Oslo").ToList();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(oslo.Count);

        await ChooseAsync(page, "filter-tags", "role:dc");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("tag=role(%3A|:)dc"));
        var osloDcs = oslo.Where(i => SeededFleetFixture.Tags(i).Contains("role:dc")).Select(SeededFleetFixture.Name).ToList();
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(osloDcs.Count);
        Assert.Equal(osloDcs, await RowNamesAsync(page));
        await page.SaveScreenshotAsync();
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1280, 720)]
    public async Task The_fleet_page_fits_a_laptop_screen(int width, int height)
    {
        var page = await OpenAsync("/", new ViewportSize { Width = width, Height = height });
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(50);

        await page.AssertNoHorizontalOverflowAsync();
        await page.SaveScreenshotAsync($"{width}x{height}", fullPage: false);
    }
}
