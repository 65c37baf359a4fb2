using BackupFleet.Agent;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class HostAndRunPageTests(BrowserFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task Run_page_shows_the_steps_as_the_agent_reports_them_without_reloading()
    {
        var name = FleetApi.UniqueHostName("RUN");
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var runId = (await (await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null)).ReadJsonAsync()).GetProperty("id").GetGuid();
        var page = await fixture.Browser.SignInAsync(fixture.Server);
        await page.GotoAsync($"/runs/{runId}");
        await page.WaitForLiveAsync();
        await Assertions.Expect(page.Locator("[data-run-state=Queued]")).ToBeVisibleAsync();

        // The agent connects only now, with the page already open: everything after this arrives live.
        var scenario = Path.Combine(AppContext.BaseDirectory, "Scenarios", "fast-healthy.json");
        await using var agent = new AgentRuntime(fixture.Server.BaseAddress, host.AgentCredential, SimulatedPlatform.Load(scenario), NullLogger.Instance, AgentTimings.Fast);
        await agent.StartAsync(CancellationToken.None);

        await Assertions.Expect(page.Locator("[data-run-state=Succeeded]")).ToBeVisibleAsync(new() { Timeout = 15000 });
        foreach (var step in new[] { "Preflight", "MountTarget", "WaitForVolume", "Backup", "WaitForRelease", "DismountTarget" })
            await Assertions.Expect(page.Locator($"[data-step={step}]")).ToHaveAttributeAsync("data-step-status", "Succeeded");
        await Assertions.Expect(page.GetByTestId("run-log")).ToContainTextAsync("The backup operation successfully completed.");
        Assert.Equal($"{fixture.Server.BaseAddress}runs/{runId}", page.Url);
        await page.SaveScreenshotAsync();
    }

    [Fact]
    public async Task Policy_editor_shows_the_validation_error_at_the_field_and_keeps_the_stored_policy()
    {
        var name = FleetApi.UniqueHostName("POL");
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var page = await fixture.Browser.SignInAsync(fixture.Server);
        await page.GotoAsync($"/hosts/{host.HostId}");
        await page.WaitForLiveAsync();

        await page.GetByLabel("Schedule (cron)").FillAsync("every night");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();

        await Assertions.Expect(page.GetByText("is not a five-field cron expression")).ToBeVisibleAsync();
        var stored = await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}/policy")).ReadJsonAsync();
        Assert.Equal("0 22 * * *", stored.GetProperty("schedule").GetString());
        await page.SaveScreenshotAsync();
    }
}
