using System.Net;
using BackupFleet.Server.Features.Hardening;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

/// <summary>A server of its own with low rate limits, which the other tests' traffic would exhaust.</summary>
public sealed class LowLimitsServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = default!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["RateLimits:SignInPerMinute"] = "3",
        ["RateLimits:ApiPerMinute"] = "5",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Security headers on every answer, and rate limits on sign-in and the API. Each test uses its own budget: the
/// headers test calls without a key (refused before the limiter), the sign-in test the form, the API test the key.</summary>
public sealed class HardeningTests(LowLimitsServerFixture fixture) : IClassFixture<LowLimitsServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Theory]
    [InlineData("/login")]
    [InlineData("/api/v1/hosts")]
    [InlineData("/healthz")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await _server.CreateClient(apiKey: null).GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Sign_in_attempts_past_the_limit_get_429_before_any_password_is_checked()
    {
        for (var i = 0; i < 3; i++)
            await DashboardSession.SignInAsync(_server, "admin", "wrong-password-" + i);

        var client = new HttpClient { BaseAddress = _server.BaseAddress };
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = "x" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task An_api_key_past_its_requests_per_minute_gets_429_with_a_problem()
    {
        var api = _server.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            statuses.Add((await api.GetAsync("/api/v1/hosts")).StatusCode);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses.Take(5));
        var limited = await api.GetAsync("/api/v1/hosts");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many requests", (await limited.ReadJsonAsync()).GetProperty("title").GetString());
    }
}
