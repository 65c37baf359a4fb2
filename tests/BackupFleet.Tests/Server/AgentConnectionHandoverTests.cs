using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

/// <summary>A host with two agent connections at once (a reconnect that said Hello before the old one closed, or a cloned machine) stays online until the last closes.</summary>
[Collection(ServerCollection.Name)]
public sealed class AgentConnectionHandoverTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    private async Task<(string Status, string? LastSeenAt)> HostAsync(Guid hostId)
    {
        var host = await (await _api.GetAsync($"/api/v1/hosts/{hostId}")).ReadJsonAsync();
        return (host.GetProperty("status").GetString()!, host.GetProperty("lastSeenAt").GetString());
    }

    private async Task<string> StatusAsync(Guid hostId) => (await HostAsync(hostId)).Status;

    private async Task<string> StatusOnceSettledAsync(Guid hostId, string expected)
    {
        var status = await StatusAsync(hostId);
        for (var tries = 0; status != expected && tries < 50; tries++)
        {
            await Task.Delay(100);
            status = await StatusAsync(hostId);
        }
        return status;
    }

    [Fact]
    public async Task When_the_newer_of_two_connections_closes_the_older_one_keeps_the_host_online()
    {
        var name = FleetApi.UniqueHostName("TWICE");
        var host = await _api.EnrollAsync(name);
        var older = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);
        var newer = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);

        var before = await HostAsync(host.HostId);
        await newer.DisposeAsync();
        // The server has handled the close when it has written the host's last-seen time.
        var afterNewer = await HostAsync(host.HostId);
        for (var tries = 0; afterNewer.LastSeenAt == before.LastSeenAt && tries < 100; tries++)
        {
            await Task.Delay(50);
            afterNewer = await HostAsync(host.HostId);
        }
        await older.DisposeAsync();

        Assert.NotEqual(before.LastSeenAt, afterNewer.LastSeenAt);
        Assert.Equal("Online", afterNewer.Status);
        Assert.Equal("Offline", await StatusOnceSettledAsync(host.HostId, "Offline"));
    }
}
