using System.Net;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class HostListApiTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Theory]
    [InlineData("health=broken", "health")]
    [InlineData("health=1", "health")]
    [InlineData("sort=size", "sort")]
    [InlineData("desc=yes", "desc")]
    [InlineData("problems=maybe", "problems")]
    public async Task An_unknown_filter_or_order_gets_400_naming_the_parameter(string query, string field)
    {
        var response = await _api.GetAsync("/api/v1/hosts?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Hosts_filter_by_health_and_sort_by_last_run_with_hosts_that_never_ran_as_oldest()
    {
        var prefix = FleetApi.UniqueHostName("HL")[..9];
        await using var healthy = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-healthy.json", prefix: prefix + "-OK");
        await using var failing = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-failing.json", prefix: prefix + "-FAIL");
        var never = await _api.EnrollAsync(prefix + "-NEVER");
        foreach (var host in new[] { healthy, failing })
            await _api.RunToEndAsync(host.HostId);

        Assert.Equal([failing.Name], await _api.HostNamesAsync($"search={prefix}&health=failed"));
        Assert.Equal([never.HostName], await _api.HostNamesAsync($"search={prefix}&health=offline"));
        Assert.Equal([never.HostName, healthy.Name, failing.Name], await _api.HostNamesAsync($"search={prefix}&sort=lastRun"));
        Assert.Equal([failing.Name, healthy.Name, never.HostName], await _api.HostNamesAsync($"search={prefix}&sort=lastRun&desc=true"));
        var failed = (await (await _api.GetAsync($"/api/v1/hosts/{failing.HostId}")).ReadJsonAsync());
        Assert.Equal("Failed", failed.GetProperty("health").GetString());
    }
}
