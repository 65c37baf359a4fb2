using System.Net;
using System.Text.Json;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Inventory;
using BackupFleet.Tests.Checks;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

/// <summary>Inventories and policies in, findings out: the rules run on the server as the data arrives, and findings live until fixed.</summary>
[Collection(ServerCollection.Name)]
public sealed class FindingsFlowTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();
    private const string RootDisk = @"D:\my-virtual-server-d-drive.vhdx";

    private static InventoryReport Report(HostInventory inventory, DateTimeOffset at) =>
        new(at, InventoryWriter.Write(inventory with { CapturedAt = at }));

    private async Task<JsonElement> HostFindingsAsync(Guid hostId) => await (await _api.GetAsync($"/api/v1/hosts/{hostId}/findings")).ReadJsonAsync();

    [Fact]
    public async Task A_disk_at_a_volume_root_is_found_from_the_inventory_and_resolved_when_a_new_inventory_shows_it_moved()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await using var agent = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);
        var inventory = TestInventories.Load("two-volume-host.json");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);

        await agent.ReportInventoryAsync(Report(inventory, t0));

        var findings = await HostFindingsAsync(host.HostId);
        var layout = Assert.Single(findings.EnumerateArray(), f => f.GetProperty("check").GetString() == CheckIds.VmDiskOutsideVmFolder);
        Assert.Equal(RootDisk, layout.GetProperty("subject").GetString());
        Assert.Equal("error", layout.GetProperty("severity").GetString());
        Assert.Contains("Move-VMStorage", layout.GetProperty("fix").GetString());
        Assert.Equal(HostChecks.Run(inventory).Count, findings.GetArrayLength());
        var fleet = await (await _api.GetAsync($"/api/v1/findings?check={CheckIds.VmDiskOutsideVmFolder}&severity=error&pageSize=500")).ReadJsonAsync();
        Assert.Contains(fleet.GetProperty("items").EnumerateArray(), f => f.GetProperty("hostId").GetGuid() == host.HostId);

        // The administrator ran the fix: the disk now sits in a folder named after its VM.
        var vm = inventory.VmHardDiskDrives.First(d => d.Path == RootDisk).VMName;
        var moved = inventory.WithDiskMoved(RootDisk, $@"D:\{vm}\my-virtual-server-d-drive.vhdx");
        await agent.ReportInventoryAsync(Report(moved, t0.AddMinutes(1)));
        await agent.ReportInventoryAsync(Report(inventory, t0.AddMinutes(-1))); // an older snapshot, replayed late, changes nothing

        Assert.DoesNotContain((await HostFindingsAsync(host.HostId)).EnumerateArray(), f => f.GetProperty("check").GetString() == CheckIds.VmDiskOutsideVmFolder);
        var history = await (await _api.GetAsync($"/api/v1/findings?hostId={host.HostId}&check={CheckIds.VmDiskOutsideVmFolder}&includeResolved=true")).ReadJsonAsync();
        var resolved = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.True(resolved.GetProperty("resolvedAt").GetDateTimeOffset() >= resolved.GetProperty("firstSeenAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_problem_found_again_keeps_its_first_seen_time()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await using var agent = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);
        var inventory = TestInventories.Load("direct-share.json");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);

        await agent.ReportInventoryAsync(Report(inventory, t0));
        var first = (await HostFindingsAsync(host.HostId)).EnumerateArray().Single(f => f.GetProperty("check").GetString() == CheckIds.TargetDirectSmb);
        await agent.ReportInventoryAsync(Report(inventory, t0.AddMinutes(1)));
        var again = (await HostFindingsAsync(host.HostId)).EnumerateArray().Single(f => f.GetProperty("check").GetString() == CheckIds.TargetDirectSmb);

        Assert.Equal(first.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        Assert.Equal(first.GetProperty("firstSeenAt").GetDateTimeOffset(), again.GetProperty("firstSeenAt").GetDateTimeOffset());
        // Seen again within FindingStore.LastSeenResolution: not rewritten.
        Assert.Equal(first.GetProperty("lastSeenAt").GetDateTimeOffset(), again.GetProperty("lastSeenAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Two_hosts_whose_policies_share_one_vhdx_both_get_the_fleet_finding_until_one_moves()
    {
        var a = FleetApi.UniqueHostName();
        var b = FleetApi.UniqueHostName();
        var hostA = await _api.EnrollAsync(a);
        var hostB = await _api.EnrollAsync(b);
        var shared = FleetApi.ValidPolicy(a);
        await _api.PutPolicyAsync(hostA.HostId, shared);
        await _api.PutPolicyAsync(hostB.HostId, shared with { TargetPath = shared.TargetPath!.ToUpperInvariant() });

        foreach (var (id, other) in new[] { (hostA.HostId, b), (hostB.HostId, a) })
        {
            var found = await _api.GetJsonUntilAsync($"/api/v1/findings?hostId={id}&check={CheckIds.TargetSharedByHosts}",
                j => j.GetProperty("total").GetInt32() > 0);
            Assert.Contains(other, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("message").GetString());
        }

        await _api.PutPolicyAsync(hostB.HostId, FleetApi.ValidPolicy(b));
        await _api.GetJsonUntilAsync($"/api/v1/findings?hostId={hostA.HostId}&check={CheckIds.TargetSharedByHosts}",
            j => j.GetProperty("total").GetInt32() == 0);
    }

    [Theory]
    [InlineData("/api/v1/findings?severity=fatal", "severity")]
    [InlineData("/api/v1/findings?severity=2", "severity")]
    [InlineData("/api/v1/findings?check=no-such-rule", "check")]
    [InlineData("/api/v1/findings?pageSize=100000", "pageSize")]
    public async Task A_bad_filter_gets_400_naming_it(string url, string field)
    {
        var response = await _api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_unknown_host_has_no_findings_but_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/v1/hosts/{Guid.NewGuid()}/findings")).StatusCode);
    }
}
