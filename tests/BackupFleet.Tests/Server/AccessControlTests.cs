using System.Net;
using System.Net.Http.Json;
using BackupFleet.Server.Features.Auth;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

/// <summary>Roles on the API: a Viewer reads, an Operator runs and edits policies, an Admin manages users; keys never outrank their creator.</summary>
[Collection(ServerCollection.Name)]
public sealed class AccessControlTests(ServerFixture fixture)
{
    private readonly HttpClient _admin = fixture.Server.CreateClient();

    private async Task<HttpClient> KeyClientAsync(string role) => fixture.Server.CreateClient(await _admin.CreateApiKeyAsync(role));

    /// <summary>Every change the API offers, against a host that exists; a Viewer gets 403 on each.</summary>
    private static IEnumerable<(string Name, Func<HttpClient, Task<HttpResponseMessage>> Call)> Changes(Guid hostId, string hostName) =>
    [
        ("run now", c => c.PostAsync($"/api/v1/hosts/{hostId}/runs", null)),
        ("cancel", c => c.PostAsync($"/api/v1/runs/{Guid.NewGuid()}/cancel", null)),
        ("save policy", c => c.PutPolicyAsync(hostId, FleetApi.ValidPolicy(hostName) with { Schedule = "0 3 * * *" })),
        ("delete policy", c => c.DeleteAsync($"/api/v1/hosts/{hostId}/policy")),
        ("enrollment token", c => c.PostAsJsonAsync("/api/v1/enrollment-tokens", new { validForHours = 1 })),
        ("provision", c => c.PostAsJsonAsync($"/api/v1/hosts/{hostId}/target/provision", new { vhdxPath = $@"\\nas01\backups\{hostName}-x.vhdx", size = "2TB" })),
        ("tags", c => c.PutAsJsonAsync($"/api/v1/hosts/{hostId}/tags", new[] { "site-a" })),
        ("revoke agent", c => c.PostAsync($"/api/v1/hosts/{hostId}/agent/revoke", null)),
        ("create user", c => c.PostAsJsonAsync("/api/v1/users", new { userName = "x" + Guid.NewGuid().ToString("N")[..8], password = "long-enough-password", role = "Viewer" })),
    ];

    [Fact]
    public async Task A_viewer_key_reads_everything_and_every_change_gets_403_naming_its_role_with_nothing_changed()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _admin.EnrollAsync(name);
        await _admin.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        var viewer = await KeyClientAsync(Roles.Viewer);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/hosts/{host.HostId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/findings")).StatusCode);
        foreach (var (what, call) in Changes(host.HostId, name))
        {
            var response = await call(viewer);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode}");
            Assert.Contains("Viewer", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
        }
        var policy = await (await _admin.GetAsync($"/api/v1/hosts/{host.HostId}/policy")).ReadJsonAsync();
        Assert.Equal("0 22 * * *", policy.GetProperty("schedule").GetString());
        Assert.Equal(0, (await (await _admin.GetAsync($"/api/v1/hosts/{host.HostId}/runs")).ReadJsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_operator_key_runs_and_edits_policies_but_cannot_manage_users_or_mint_an_admin_key()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _admin.EnrollAsync(name);
        var op = await KeyClientAsync(Roles.Operator);

        Assert.Equal(HttpStatusCode.Created, (await op.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await op.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync("/api/v1/users")).StatusCode);
        var admin = await op.PostAsJsonAsync("/api/v1/api-keys", new { name = "escalate", role = "Admin" });
        Assert.Equal(HttpStatusCode.BadRequest, admin.StatusCode);
        Assert.Contains("more rights than its creator", (await admin.ReadJsonAsync()).GetProperty("errors").GetProperty("role")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync("/api/v1/api-keys", new { name = "ok", role = "Viewer" })).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_with_the_next_request_and_its_listing_says_when()
    {
        var secret = await _admin.CreateApiKeyAsync(Roles.Operator, "to-revoke");
        var client = fixture.Server.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/hosts")).StatusCode);
        var keys = await (await _admin.GetAsync("/api/v1/api-keys")).ReadJsonAsync();
        var key = keys.EnumerateArray().Single(k => secret.StartsWith(k.GetProperty("prefix").GetString()!, StringComparison.Ordinal) && k.GetProperty("name").GetString() == "to-revoke");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, key.GetProperty("lastUsedAt").ValueKind);
        Assert.DoesNotContain(secret, keys.GetRawText());

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/api-keys/{key.GetProperty("id").GetGuid()}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/hosts")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/hosts")]
    [InlineData("GET", "/api/v1/findings")]
    [InlineData("GET", "/api/v1/api-keys")]
    [InlineData("GET", "/api/v1/users")]
    [InlineData("POST", "/api/v1/enrollment-tokens")]
    [InlineData("POST", "/api/v1/api-keys")]
    public async Task Without_a_key_or_session_every_api_endpoint_answers_401_not_a_redirect(string method, string path)
    {
        var anonymous = fixture.Server.CreateClient(apiKey: null);

        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused()
    {
        var user = "lock-" + Guid.NewGuid().ToString("N")[..8];
        await _admin.CreateUserAsync(user, "the-right-password", Roles.Viewer);

        for (var i = 0; i < 5; i++)
            Assert.Contains("failed=", (await DashboardSession.SignInAsync(fixture.Server, user, "a-wrong-password")).Location);
        var (_, location) = await DashboardSession.SignInAsync(fixture.Server, user, "the-right-password");

        Assert.Contains("failed=2", location);
        var listed = (await (await _admin.GetAsync("/api/v1/users")).ReadJsonAsync()).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == user);
        Assert.True(listed.GetProperty("lockedOut").GetBoolean());
    }

    [Fact]
    public async Task A_session_ends_when_its_users_role_changes_and_the_new_rights_apply_from_the_next_sign_in()
    {
        var user = "role-" + Guid.NewGuid().ToString("N")[..8];
        var id = await _admin.CreateUserAsync(user, "the-right-password", Roles.Operator);
        var (session, location) = await DashboardSession.SignInAsync(fixture.Server, user, "the-right-password");
        Assert.Equal("/", location);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/hosts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.PostAsJsonAsync("/api/v1/enrollment-tokens", new { validForHours = -1 })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/v1/users/{id}/role", new { role = "Viewer" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/hosts")).StatusCode);
        var (again, _) = await DashboardSession.SignInAsync(fixture.Server, user, "the-right-password");
        Assert.Equal(HttpStatusCode.Forbidden, (await again.PostAsJsonAsync("/api/v1/enrollment-tokens", new { validForHours = 1 })).StatusCode);
    }

    [Fact]
    public async Task The_last_admin_can_be_neither_demoted_nor_deleted()
    {
        var users = (await (await _admin.GetAsync("/api/v1/users")).ReadJsonAsync()).EnumerateArray().ToList();
        var admins = users.Where(u => u.GetProperty("role").GetString() == Roles.Admin).ToList();
        Assert.Single(admins);
        var id = admins[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PutAsJsonAsync($"/api/v1/users/{id}/role", new { role = "Viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.DeleteAsync($"/api/v1/users/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("{\"userName\": \"u1\", \"password\": \"short\", \"role\": \"Viewer\"}", "password")]
    [InlineData("{\"userName\": \"u2\", \"password\": \"long-enough-password\", \"role\": \"Root\"}", "role")]
    [InlineData("{\"userName\": \"\", \"password\": \"long-enough-password\", \"role\": \"Viewer\"}", "userName")]
    public async Task A_bad_new_user_gets_400_naming_the_field(string json, string field)
    {
        var response = await _admin.PostAsync("/api/v1/users", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
