using System.Net;
using System.Net.Http.Json;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class FleetPageLiveTests(BrowserFixture fixture)
{
    private const float LiveTimeout = 5000;

    [Fact]
    public async Task Sign_in_with_a_wrong_password_is_refused()
    {
        var page = await fixture.Browser.NewPageAsync(new() { BaseURL = fixture.Server.BaseAddress.ToString() });
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", TestServer.AdminUser);
        await page.FillAsync("#password", "wrong");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong");
        Assert.Contains("/login", page.Url);
        await page.SaveScreenshotAsync();
    }

    [Fact]
    public async Task Host_enrolled_and_run_started_from_the_api_appear_on_an_open_fleet_page_without_a_reload()
    {
        var api = fixture.Server.CreateClient();
        var page = await fixture.Browser.SignInAsync(fixture.Server);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet", Exact = true })).ToBeVisibleAsync();

        var name = FleetApi.UniqueHostName("LIVE");
        var host = await api.EnrollAsync(name);
        await api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var row = page.Locator("tr", new() { HasText = name });
        // How fast is for the benchmark (issue 8, "a run event → visible on an open dashboard"): under the whole suite's load
        // on two cores a bound of one second failed now and then. Here: it appears by itself, without a reload.
        await row.Filter(new() { HasText = "never ran" }).WaitForAsync(new() { Timeout = LiveTimeout });
        await Assertions.Expect(row.Locator(".simulated-badge")).ToBeVisibleAsync();

        var response = await api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // The host is offline, so the run waits as Queued; the page must show it without a reload.
        await row.Locator("[data-run-state=Queued]").WaitForAsync(new() { Timeout = LiveTimeout });
        await page.SaveScreenshotAsync();
    }

    [Fact]
    public async Task Add_host_shows_an_install_command_whose_token_enrolls_a_host()
    {
        var page = await fixture.Browser.SignInAsync(fixture.Server);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add host" }).ClickAsync();

        var command = await page.GetByTestId("install-command").InnerTextAsync();
        var server = fixture.Server.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"irm '{server}/agent/install.ps1' -UseBasicParsing", command);
        Assert.Contains($"-Server '{server}'", command);
        var token = System.Text.RegularExpressions.Regex.Match(command, "-Token '(bfe_[^']+)'").Groups[1].Value;
        var enrolled = await fixture.Server.CreateClient(apiKey: null).PostAsJsonAsync(
            BackupFleet.Shared.Enrollment.EnrollmentRoute.Path,
            new BackupFleet.Shared.Enrollment.EnrollRequest(token, FleetApi.UniqueHostName("NEW"), "1.0", false));
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        await page.SaveScreenshotAsync();
    }
}
