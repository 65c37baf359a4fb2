using System.Net;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class AgentRevocationTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task Revoking_a_hosts_agent_closes_its_connection_at_once_and_its_credential_no_longer_connects()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await using var agent = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        var response = await _api.PostAsync($"/api/v1/hosts/{host.HostId}/agent/revoke", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadJsonAsync()).GetProperty("credentialsRevoked").GetInt32());
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var again = await Assert.ThrowsAsync<HttpRequestException>(() => RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name));
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("Offline", (await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}")).ReadJsonAsync()).GetProperty("status").GetString());
        var audit = await (await _api.GetAsync($"/api/v1/audit?action={AuditActions.AgentRevoked}&target={name}")).ReadJsonAsync();
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
    }
}
