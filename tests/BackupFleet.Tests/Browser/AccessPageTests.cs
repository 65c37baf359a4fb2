using System.Net;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AccessPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_key_made_on_the_access_page_is_shown_once_works_on_the_api_and_stops_when_revoked()
    {
        var page = await fixture.Browser.SignInAsync(fixture.Server);
        await page.GotoAsync("/access");
        await page.WaitForLiveAsync();
        var name = "browser-" + Guid.NewGuid().ToString("N")[..6];

        var keys = page.GetByTestId("api-keys");
        await keys.GetByLabel("Name").FillAsync(name);
        await keys.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secret = (await page.GetByTestId("new-key-secret").InnerTextAsync()).Trim();
        Assert.StartsWith("bfk_", secret);
        var api = fixture.Server.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/hosts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/enrollment-tokens", null)).StatusCode); // a Viewer key by default

        await page.ReloadAsync();
        await page.WaitForLiveAsync();
        await Assertions.Expect(page.GetByTestId("new-key")).ToHaveCountAsync(0);
        var row = page.Locator($"tr[data-key='{name}']");
        await Assertions.Expect(row).ToContainTextAsync(secret[..10]);
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/hosts")).StatusCode);
    }
}
