using BackupFleet.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ProvisioningPanelTests(BrowserFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task A_target_created_from_the_host_page_shows_the_agents_output_live_and_a_wrong_size_is_named_at_the_field()
    {
        await using var host = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-healthy.json", withPolicy: false, prefix: "PRV");
        var name = host.Name;
        var page = await fixture.Browser.SignInAsync(fixture.Server);
        await page.GotoAsync($"/hosts/{host.HostId}");
        await page.WaitForLiveAsync();

        var panel = page.GetByTestId("provisioning");
        await panel.GetByLabel("New VHDX (UNC path on the share)").FillAsync($@"\\nas01\backups\{name}.vhdx");
        await panel.GetByLabel("Size").FillAsync("lots");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Create target" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("The size 'lots' is not a size such as 5.3TB")).ToBeVisibleAsync();

        await panel.GetByLabel("Size").FillAsync("3TB");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Create target" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("provisioning-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 15000 });
        await Assertions.Expect(page.GetByTestId("provisioning-output")).ToContainTextAsync("SIMULATED: Resize-VHD to 3 TB …");
        await Assertions.Expect(panel).ToContainTextAsync("This host is SIMULATED: nothing will be created.");
        await page.SaveScreenshotAsync();
    }
}
