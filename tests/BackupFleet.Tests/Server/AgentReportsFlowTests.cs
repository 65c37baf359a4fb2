using System.Net;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

/// <summary>What the real agent reports besides a run's steps, through the real server: versions, inventory, Windows events.</summary>
[Collection(ServerCollection.Name)]
public sealed class AgentReportsFlowTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task After_a_successful_run_the_server_has_the_new_version_the_inventory_and_the_windows_events()
    {
        await using var host = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-healthy.json");
        var platform = host.Platform;

        var run = await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        var location = run.Headers.Location!.ToString();
        var details = await _api.GetJsonUntilAsync(location,
            d => d.GetProperty("run").GetProperty("state").GetString() is not ("Queued" or "Running"));

        Assert.Equal("Succeeded", details.GetProperty("run").GetProperty("state").GetString());
        Assert.Contains(details.GetProperty("events").EnumerateArray(), e =>
            e.GetProperty("kind").GetString() == "WindowsEvent" && e.GetProperty("step").GetString() == "Backup"
            && e.GetProperty("message").GetString()!.StartsWith("Event 4 (Information) ", StringComparison.Ordinal));
        var versions = await _api.GetJsonUntilAsync($"/api/v1/hosts/{host.HostId}/versions", v => v.GetArrayLength() > 0);
        var version = Assert.Single(versions.EnumerateArray());
        Assert.Matches(@"^\d\d/\d\d/\d{4}-\d\d:\d\d$", version.GetProperty("versionIdentifier").GetString());
        Assert.Contains("System State", version.GetProperty("canRecover").EnumerateArray().Select(c => c.GetString()));
        var inventory = await _api.GetJsonUntilAsync($"/api/v1/hosts/{host.HostId}/inventory", _ => true);
        Assert.Equal(platform.Scenario.Inventory.ComputerName, inventory.GetProperty("computerName").GetString());
    }
}
