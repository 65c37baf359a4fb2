using System.Net;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Findings;
using BackupFleet.Shared.Checks;
using BackupFleet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Open_problems_show_in_a_host_s_health_and_the_problems_filter_and_leave_with_them()
    {
        var name = FleetApi.UniqueHostName("HLP");
        var host = await _api.EnrollAsync(name);
        await using var agent = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);
        async Task<(string Health, int Problems, bool Listed)> StandingAsync()
        {
            var summary = await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}")).ReadJsonAsync();
            return (summary.GetProperty("health").GetString()!, summary.GetProperty("openProblems").GetInt32(),
                (await _api.HostNamesAsync($"search={name}&problems=true")).Contains(name));
        }
        Task FindAsync(params Finding[] findings) => WithScopeAsync(s => s.GetRequiredService<FindingStore>()
            .SyncHostAsync(host.HostId, FindingScope.Host, findings, CancellationToken.None));
        Assert.Equal(("Ok", 0, false), await StandingAsync());

        await FindAsync(new Finding(CheckIds.RpoBreached, FindingSeverity.Info, name, "no backup for 3 days", "# run one"),
            new Finding("vm-disk-on-target", FindingSeverity.Warning, "VM1", "a disk of VM1 lies on the target", "# move it"),
            new Finding("vm-disk-on-target", FindingSeverity.Error, "VM2", "a disk of VM2 lies on the target", "# move it"));
        Assert.Equal(("Warning", 2, true), await StandingAsync());

        await FindAsync(new Finding(CheckIds.RpoBreached, FindingSeverity.Info, name, "no backup for 3 days", "# run one"));
        Assert.Equal(("Warning", 0, false), await StandingAsync());

        await FindAsync();
        Assert.Equal(("Ok", 0, false), await StandingAsync());
    }

    private async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = fixture.Server.CreateScope();
        await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task The_search_follows_a_host_renamed_in_the_database()
    {
        // The search reads host_names, which a trigger keeps beside hosts: a name set on the host's row is found, the old one not.
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName("REN"));
        var renamed = FleetApi.UniqueHostName("RENAMED");
        Assert.Equal([host.HostName], await _api.HostNamesAsync("search=" + host.HostName));

        await WithScopeAsync(s => s.GetRequiredService<FleetDb>().Hosts.Where(h => h.Id == host.HostId)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.Name, renamed)));

        Assert.Empty(await _api.HostNamesAsync("search=" + host.HostName));
        Assert.Equal([renamed], await _api.HostNamesAsync("search=" + renamed));
    }

    [Theory]
    [InlineData("x' OR '1'='1")]
    [InlineData(@"a\'b")]
    [InlineData("%")]
    public async Task A_search_is_taken_literally_whatever_it_holds(string search)
    {
        // The search pattern is written into the SQL as a literal (for the plan): quotes and backslashes must stay text.
        var name = FleetApi.UniqueHostName();
        await _api.EnrollAsync(name);

        var found = await _api.HostNamesAsync("search=" + Uri.EscapeDataString(search));

        Assert.DoesNotContain(name, found);
        Assert.Equal([name], await _api.HostNamesAsync("search=" + Uri.EscapeDataString(name)));
    }
}
