using System.Net;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

/// <summary>The restore assistant's commands through the API, built from the versions the agent listed after a real run.</summary>
[Collection(ServerCollection.Name)]
public sealed class RestorePlanApiTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task After_a_backup_each_version_has_the_commands_of_the_restores_it_allows_with_the_hosts_names()
    {
        await using var host = await SimulatedHost.StartAsync(fixture.Server, _api, "fast-healthy.json");
        var (platform, policy) = (host.Platform, host.Policy!);
        await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null);
        var versions = await _api.GetJsonUntilAsync($"/api/v1/hosts/{host.HostId}/versions", v => v.GetArrayLength() > 0);
        var version = versions[0].GetProperty("versionIdentifier").GetString()!;

        var plans = await _api.GetJsonUntilAsync($"/api/v1/hosts/{host.HostId}/restore-plans?version={Uri.EscapeDataString(version)}", _ => true);

        var plan = Assert.Single(plans.EnumerateArray());
        Assert.Equal(version, plan.GetProperty("versionIdentifier").GetString());
        var commands = plan.GetProperty("procedures").EnumerateArray()
            .SelectMany(p => p.GetProperty("steps").EnumerateArray()).Select(s => s.GetProperty("command").GetString()).OfType<string>().ToList();
        Assert.Contains(commands, c => c.Contains($"Mount-VHD -Path '{policy.TargetPath}'", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains($"-version:{version}", StringComparison.Ordinal) && c.Contains($"-machine:{platform.ComputerName}", StringComparison.Ordinal));
        var kinds = plan.GetProperty("procedures").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).ToList();
        Assert.Contains("BareMetal", kinds);
        Assert.Contains("SystemState", kinds);
        // The scenario's one VM, by name, from the inventory the agent sent.
        Assert.Contains(commands, c => c.Contains("-itemType:HyperV -items:TEST01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_policy_or_for_a_version_that_is_not_there_the_answer_says_why()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);

        var noPolicy = await _api.GetAsync($"/api/v1/hosts/{host.HostId}/restore-plans");
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var noInventory = await _api.GetAsync($"/api/v1/hosts/{host.HostId}/restore-plans");

        Assert.Equal(HttpStatusCode.Conflict, noPolicy.StatusCode);
        Assert.Contains("no policy", (await noPolicy.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Contains("inventory", (await noInventory.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/v1/hosts/{Guid.NewGuid()}/restore-plans")).StatusCode);
    }
}
