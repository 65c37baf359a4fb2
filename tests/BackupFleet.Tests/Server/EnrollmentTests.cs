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
}
