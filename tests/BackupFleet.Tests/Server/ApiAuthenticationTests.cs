using System.Net;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class ApiAuthenticationTests(ServerFixture fixture)
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Api_without_a_key_answers_401_problem_details()
    {
        var response = await _server.CreateClient(apiKey: null).GetAsync("/api/v1/hosts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Api_with_an_unknown_key_answers_401()
    {
        var response = await _server.CreateClient("not-a-real-key").GetAsync("/api/v1/hosts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("unknown or revoked", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bootstrap_api_key_is_accepted()
    {
        var response = await _server.CreateClient().GetAsync("/api/v1/hosts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_200_without_a_key_when_the_database_is_reachable()
    {
        var response = await _server.CreateClient(apiKey: null).GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api_and_its_key()
    {
        var response = await _server.CreateClient(apiKey: null).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.ReadJsonAsync();
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/hosts/{id}/runs", out _));
        Assert.Equal("X-Api-Key", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Dashboard_redirects_to_sign_in_without_a_session()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };
        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }
}
