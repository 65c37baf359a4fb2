using System.Net;
using BackupFleet.Shared.Inventory;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace BackupFleet.Tests.Server;

/// <summary>What an agent reports about its host besides runs: the inventory snapshot and the backup versions on its target.</summary>
[Collection(ServerCollection.Name)]
public sealed class InventoryReportTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    private async Task<(RawAgent Agent, Guid HostId)> ConnectedHostAsync()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        return (await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name), host.HostId);
    }

    private static string Inventory(string computerName) =>
        InventoryWriter.Write(Agent.AgentTestSupport.FastHealthy().Inventory with { ComputerName = computerName });

    [Fact]
    public async Task The_latest_inventory_is_stored_and_an_older_one_does_not_replace_it()
    {
        var (agent, hostId) = await ConnectedHostAsync();
        await using var _ = agent;
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/v1/hosts/{hostId}/inventory")).StatusCode);

        await agent.ReportInventoryAsync(new InventoryReport(DateTimeOffset.UtcNow, Inventory("NEW-NAME")));
        await agent.ReportInventoryAsync(new InventoryReport(DateTimeOffset.UtcNow.AddHours(-1), Inventory("OLD-NAME")));

        var stored = await (await _api.GetAsync($"/api/v1/hosts/{hostId}/inventory")).ReadJsonAsync();
        Assert.Equal("NEW-NAME", stored.GetProperty("computerName").GetString());
    }

    [Theory]
    [InlineData("not json", "(document) is not valid JSON")]
    [InlineData("[1, 2]", "(document) must be a JSON object")]
    [InlineData("{\"schema\": \"something/else\"}", "schema is 'something/else'")]
    [InlineData("{\"schema\": \"backupfleet.inventory/1\", \"capturedAt\": \"2026-11-20T02:00:00+00:00\"}", "computerName")]
    public async Task An_inventory_that_is_not_the_fixed_format_is_refused_naming_what_is_wrong_and_nothing_is_stored(string json, string expected)
    {
        var (agent, hostId) = await ConnectedHostAsync();
        await using var _ = agent;

        var error = await Assert.ThrowsAsync<HubException>(() => agent.ReportInventoryAsync(new InventoryReport(DateTimeOffset.UtcNow, json)));

        Assert.Contains("The agent's inventory: " + expected, error.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/v1/hosts/{hostId}/inventory")).StatusCode);
    }

    [Fact]
    public async Task A_name_past_any_real_one_is_refused_before_anything_is_stored()
    {
        var (agent, hostId) = await ConnectedHostAsync();
        await using var _ = agent;
        var inventory = Agent.AgentTestSupport.FastHealthy().Inventory;
        var json = InventoryWriter.Write(inventory with { Vms = [inventory.Vms[0] with { Name = new string('V', 300) }] });

        var error = await Assert.ThrowsAsync<HubException>(() => agent.ReportInventoryAsync(new InventoryReport(DateTimeOffset.UtcNow, json)));

        Assert.Contains("vms[0].Name", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/v1/hosts/{hostId}/inventory")).StatusCode);
    }

    [Fact]
    public async Task A_field_deep_in_the_snapshot_is_named_by_its_path()
    {
        var (agent, _) = await ConnectedHostAsync();
        await using var _ = agent;
        var json = Inventory("HV01").Replace("\"Generation\":2", "\"Generation\":7", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<HubException>(() => agent.ReportInventoryAsync(new InventoryReport(DateTimeOffset.UtcNow, json)));

        Assert.Contains("vms[0].Generation", error.Message);
    }

    [Fact]
    public async Task Backup_versions_are_listed_newest_first_and_a_new_report_replaces_the_old_list()
    {
        var (agent, hostId) = await ConnectedHostAsync();
        await using var _ = agent;
        BackupVersionDto Version(string id, int day) =>
            new(id, new DateTimeOffset(2026, 11, day, 21, 0, 0, TimeSpan.Zero), "Fixed Disk labeled Backup Disk(B:)", ["Volume(s)", "File(s)", "Bare Metal Recovery"], "{445bf85d-efd2-448b-b33a-f97422f3318a}");

        await agent.ReportVersionsAsync(new BackupVersionsReport(@"\\nas01\b\h.vhdx", DateTimeOffset.UtcNow, [Version("11/20/2026-21:00", 20)]));
        await agent.ReportVersionsAsync(new BackupVersionsReport(@"\\nas01\b\h.vhdx", DateTimeOffset.UtcNow,
            [Version("11/20/2026-21:00", 20), Version("11/22/2026-21:00", 22), Version("11/21/2026-21:00", 21)]));

        var versions = (await (await _api.GetAsync($"/api/v1/hosts/{hostId}/versions")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["11/22/2026-21:00", "11/21/2026-21:00", "11/20/2026-21:00"], versions.Select(v => v.GetProperty("versionIdentifier").GetString()));
        Assert.Equal(["Volume(s)", "File(s)", "Bare Metal Recovery"], versions[0].GetProperty("canRecover").EnumerateArray().Select(c => c.GetString()));
    }
}
