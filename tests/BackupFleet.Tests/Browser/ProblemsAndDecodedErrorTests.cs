using BackupFleet.Shared.Checks;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

/// <summary>The faulty-layout host (KNOWLEDGE.md §3) as an operator sees it: the problem before the run, the explanation after.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProblemsAndDecodedErrorTests(BrowserFixture fixture)
{
    private const string RootDisk = @"D:\my-virtual-server-d-drive.vhdx";
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task The_disk_at_the_volume_root_shows_on_the_problems_and_host_pages_and_explains_the_partial_run()
    {
        await using var host = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-split-storage.json", connect: false, prefix: "LAY");
        var name = host.Name;
        var page = await fixture.Browser.SignInAsync(fixture.Server);
        await page.GotoAsync("/problems");
        await page.WaitForLiveAsync();

        // The agent connects with the page open: its inventory's finding arrives live.
        await host.Agent.StartAsync(CancellationToken.None);
        await page.Locator($"[data-group={CheckIds.VmDiskOutsideVmFolder}]").ClickAsync(new() { Timeout = 15000 });
        var card = page.Locator($"[data-check={CheckIds.VmDiskOutsideVmFolder}]").Filter(new() { HasText = name });
        await Assertions.Expect(card).ToContainTextAsync(RootDisk);
        await Assertions.Expect(card.GetByTestId("fix")).ToContainTextAsync("Move-VMStorage -VMName 'APPSRV01'");

        await page.GotoAsync($"/hosts/{host.HostId}");
        await page.WaitForLiveAsync();
        await Assertions.Expect(page.GetByTestId("host-findings").Locator($"[data-check={CheckIds.VmDiskOutsideVmFolder}]")).ToContainTextAsync(RootDisk);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        var row = page.Locator("tr").Filter(new() { HasText = "Partial" });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 15000 });
        await row.Locator("a[href^='/runs/']").ClickAsync();

        var decoded = page.GetByTestId("decoded-error");
        await Assertions.Expect(decoded).ToContainTextAsync("0x800423F4");
        await Assertions.Expect(page.GetByTestId("decoded-explanation")).ToContainTextAsync("APPSRV01");
        await Assertions.Expect(page.GetByTestId("decoded-fix")).ToContainTextAsync("Move-VMStorage -VMName 'APPSRV01'");
        await page.SaveScreenshotAsync();
    }

    [Fact]
    public async Task A_failed_run_turns_failed_live_with_its_error_decoded_the_fix_and_the_target_dismounted()
    {
        await using var host = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-failing.json", connect: false, prefix: "FAIL");
        var runId = (await (await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null)).ReadJsonAsync()).GetProperty("id").GetGuid();
        var page = await fixture.Browser.SignInAsync(fixture.Server);
        await page.GotoAsync($"/runs/{runId}");
        await page.WaitForLiveAsync();
        await Assertions.Expect(page.Locator("[data-run-state=Queued]")).ToBeVisibleAsync();

        await host.Agent.StartAsync(CancellationToken.None);

        await Assertions.Expect(page.Locator("[data-run-state=Failed]")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(page.GetByTestId("run-error")).ToContainTextAsync("0x80780119");
        await Assertions.Expect(page.GetByTestId("decoded-error")).ToContainTextAsync("not enough disk space to create the volume shadow copy");
        await Assertions.Expect(page.GetByTestId("decoded-explanation")).ToContainTextAsync("no room for its shadow copy");
        await Assertions.Expect(page.GetByTestId("decoded-error")).ToContainTextAsync("System Reserved, EFI or Recovery");
        await Assertions.Expect(page.GetByTestId("decoded-fix")).ToContainTextAsync("vssadmin add shadowstorage");
        await Assertions.Expect(page.Locator("[data-step=Backup]")).ToHaveAttributeAsync("data-step-status", "Failed");
        await Assertions.Expect(page.Locator("[data-step=DismountTarget]")).ToHaveAttributeAsync("data-step-status", "Succeeded");
        await Assertions.Expect(page.Locator(".simulated-badge")).ToBeVisibleAsync();
        Assert.Equal($"{fixture.Server.BaseAddress}runs/{runId}", page.Url);
        await page.SaveScreenshotAsync();
    }
}
