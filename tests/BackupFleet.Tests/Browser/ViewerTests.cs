using BackupFleet.Server.Features.Auth;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ViewerTests(BrowserFixture fixture)
{
    private readonly HttpClient _admin = fixture.Server.CreateClient();

    [Fact]
    public async Task A_viewer_sees_the_fleet_and_a_hosts_policy_but_no_run_now_no_save_and_no_add_host()
    {
        var name = FleetApi.UniqueHostName("VWR");
        var host = await _admin.EnrollAsync(name);
        await _admin.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var user = "viewer-" + Guid.NewGuid().ToString("N")[..8];
        await _admin.CreateUserAsync(user, "viewer-password-1", Roles.Viewer);

        var page = await fixture.Browser.SignInAsync(fixture.Server, user, "viewer-password-1");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run now" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Add host")).ToHaveCountAsync(0);

        await page.GotoAsync($"/hosts/{host.HostId}");
        await page.WaitForLiveAsync();
        await Assertions.Expect(page.GetByLabel("Schedule (cron)")).ToHaveValueAsync("0 22 * * *");
        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run now" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save policy" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("provisioning")).ToHaveCountAsync(0);
        await page.SaveScreenshotAsync();
    }
}
