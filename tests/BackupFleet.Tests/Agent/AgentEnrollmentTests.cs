using System.Net;
using System.Text;
using System.Text.Json;
using BackupFleet.Agent.Enrollment;
using BackupFleet.Agent.Platform.Simulated;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

public sealed class AgentEnrollmentTests
{
    /// <summary>Answers every request with one canned response and keeps what was sent.</summary>
    private sealed class CannedServer(HttpStatusCode status, string body, string contentType) : HttpMessageHandler
    {
        public Uri? Uri { get; private set; }
        public string? Sent { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            (Uri, Sent) = (request.RequestUri, await request.Content!.ReadAsStringAsync(ct));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        }
    }

    private static readonly SimulatedPlatform Platform = SimulatedPlatform.FromScenario(FastHealthy());

    [Fact]
    public async Task Enrolling_posts_the_token_and_the_simulated_host_and_returns_the_credential()
    {
        var hostId = Guid.NewGuid();
        var server = new CannedServer(HttpStatusCode.OK, $$"""{"hostId":"{{hostId}}","hostName":"FAST-HEALTHY","agentCredential":"bfa_abc"}""", "application/json");

        var enrolled = await AgentEnrollment.EnrollAsync(new HttpClient(server), new Uri("http://fleet:5080/base/"), "tok-1", Platform, default);

        Assert.Equal(hostId, enrolled.HostId);
        Assert.Equal("bfa_abc", enrolled.AgentCredential);
        Assert.Equal("http://fleet:5080/base/api/v1/agents/enroll", server.Uri!.ToString());
        var sent = JsonDocument.Parse(server.Sent!).RootElement;
        Assert.Equal("tok-1", sent.GetProperty("token").GetString());
        Assert.Equal("FAST-HEALTHY", sent.GetProperty("computerName").GetString());
        Assert.True(sent.GetProperty("simulated").GetBoolean());
        Assert.False(string.IsNullOrEmpty(sent.GetProperty("agentVersion").GetString()));
    }

    [Fact]
    public async Task A_refusal_shows_the_problem_title_and_detail()
    {
        var server = new CannedServer(HttpStatusCode.Unauthorized,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"Enrollment refused","status":401,"detail":"The enrollment token is unknown, already used or expired. Create a new one on the server."}""",
            "application/problem+json");

        var error = await Assert.ThrowsAsync<EnrollmentFailedException>(() =>
            AgentEnrollment.EnrollAsync(new HttpClient(server), new Uri("http://fleet:5080"), "old", Platform, default));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("The server refused the enrollment (401 Unauthorized). Enrollment refused. The enrollment token is unknown, already used or expired. Create a new one on the server.",
            error.Message);
    }

    [Fact]
    public async Task Validation_errors_are_listed_by_field()
    {
        var server = new CannedServer(HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"computerName":["A computer name is 1–63 letters, digits, hyphens or dots."]}}""",
            "application/problem+json");

        var error = await Assert.ThrowsAsync<EnrollmentFailedException>(() =>
            AgentEnrollment.EnrollAsync(new HttpClient(server), new Uri("http://fleet:5080"), "t", Platform, default));

        Assert.EndsWith($"{Environment.NewLine}  computerName: A computer name is 1–63 letters, digits, hyphens or dots.", error.Message);
    }

    [Fact]
    public async Task A_non_json_error_page_is_shown_briefly()
    {
        var server = new CannedServer(HttpStatusCode.BadGateway, "<html>Bad gateway</html>", "text/html");

        var error = await Assert.ThrowsAsync<EnrollmentFailedException>(() =>
            AgentEnrollment.EnrollAsync(new HttpClient(server), new Uri("http://fleet:5080"), "t", Platform, default));

        Assert.Equal("The server refused the enrollment (502 Bad Gateway). <html>Bad gateway</html>", error.Message);
    }
}
