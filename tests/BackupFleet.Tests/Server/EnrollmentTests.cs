using System.Net;
using System.Net.Http.Json;
using BackupFleet.Shared.Enrollment;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class EnrollmentTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task Enrollment_token_works_once()
    {
        var token = await _api.CreateEnrollmentTokenAsync();
        var anonymous = fixture.Server.CreateClient(apiKey: null);

        var first = await anonymous.PostAsJsonAsync(EnrollmentRoute.Path, new EnrollRequest(token, FleetApi.UniqueHostName(), "1.0", true));
        var second = await anonymous.PostAsJsonAsync(EnrollmentRoute.Path, new EnrollRequest(token, FleetApi.UniqueHostName(), "1.0", true));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var enrolled = (await first.Content.ReadFromJsonAsync<EnrollResponse>())!;
        Assert.StartsWith("bfa_", enrolled.AgentCredential);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Contains("already used", (await second.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Enrolled_host_is_listed_offline_without_policy()
    {
        var name = FleetApi.UniqueHostName();
        var enrolled = await _api.EnrollAsync(name);

        var host = await (await _api.GetAsync($"/api/v1/hosts/{enrolled.HostId}")).ReadJsonAsync();

        Assert.Equal(name, host.GetProperty("name").GetString());
        Assert.Equal("Offline", host.GetProperty("status").GetString());
        Assert.False(host.GetProperty("hasPolicy").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, host.GetProperty("nextRunAt").ValueKind);
    }

    [Fact]
    public async Task Enrollment_with_a_bad_computer_name_names_the_field()
    {
        var token = await _api.CreateEnrollmentTokenAsync();
        var response = await _api.PostAsJsonAsync(EnrollmentRoute.Path, new EnrollRequest(token, "bad name\n", "1.0", true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("computerName", out _));
    }

    [Fact]
    public async Task A_plain_token_cannot_take_over_an_enrolled_host_and_stays_unused()
    {
        var name = FleetApi.UniqueHostName();
        await _api.EnrollAsync(name);
        var token = await _api.CreateEnrollmentTokenAsync();

        var takeover = await _api.PostAsJsonAsync(EnrollmentRoute.Path, new EnrollRequest(token, name, "1.0", true));
        var newHost = await _api.PostAsJsonAsync(EnrollmentRoute.Path, new EnrollRequest(token, FleetApi.UniqueHostName(), "1.0", true));

        Assert.Equal(HttpStatusCode.Conflict, takeover.StatusCode);
        Assert.Contains("already enrolled", (await takeover.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, newHost.StatusCode);
    }

    [Fact]
    public async Task A_token_for_a_host_re_enrolls_it_and_revokes_its_old_credential_even_on_an_open_connection()
    {
        var name = FleetApi.UniqueHostName();
        var first = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(first.HostId, FleetApi.ValidPolicy(name));
        await using var oldAgent = await RawAgent.ConnectAsync(fixture.Server, first.AgentCredential, name);
        var tokenResponse = await _api.PostAsJsonAsync("/api/v1/enrollment-tokens", new { hostId = first.HostId });
        var token = (await tokenResponse.ReadJsonAsync()).GetProperty("token").GetString()!;

        var second = await (await _api.PostAsJsonAsync(EnrollmentRoute.Path, new EnrollRequest(token, name, "2.0", true)))
            .Content.ReadFromJsonAsync<EnrollResponse>();

        Assert.Equal(first.HostId, second!.HostId);
        Assert.NotEqual(first.AgentCredential, second.AgentCredential);
        await Assert.ThrowsAnyAsync<Exception>(() => RawAgent.ConnectAsync(fixture.Server, first.AgentCredential, name));
        var runId = (await (await _api.PostAsync($"/api/v1/hosts/{first.HostId}/runs", null)).ReadJsonAsync()).GetProperty("id").GetGuid();
        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => oldAgent.AcceptAsync(runId));
        Assert.Contains("revoked", refused.Message);
        await using var newAgent = await RawAgent.ConnectAsync(fixture.Server, second.AgentCredential, name);
        Assert.True((await (await _api.GetAsync($"/api/v1/hosts/{first.HostId}/policy")).ReadJsonAsync()).GetProperty("enabled").GetBoolean());
    }
}
