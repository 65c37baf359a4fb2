using System.Net.Http.Json;
using System.Text.Json;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform;
using BackupFleet.Shared.Enrollment;

namespace BackupFleet.Agent.Enrollment;

/// <summary>Trades a single-use enrollment token for the host's own credential (POST /api/v1/agents/enroll).</summary>
public static class AgentEnrollment
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="server">The server's base address, e.g. http://127.0.0.1:5080.</param>
    /// <exception cref="EnrollmentFailedException">The server refused; the message carries its ProblemDetails title, detail and errors.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    public static async Task<EnrollResponse> EnrollAsync(HttpClient http, Uri server, string token, IHostPlatform platform, CancellationToken ct)
    {
        var request = new EnrollRequest(token, platform.ComputerName, AgentVersion.Current, platform.IsSimulated);
        using var response = await http.PostAsJsonAsync(ServerUris.Combine(server, EnrollmentRoute.Path), request, Json, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new EnrollmentFailedException(response.StatusCode, ProblemDetailsText.Describe(response.StatusCode, response.ReasonPhrase, body));
        }
        EnrollResponse? enrolled;
        try
        {
            enrolled = await response.Content.ReadFromJsonAsync<EnrollResponse>(Json, ct);
        }
        catch (JsonException e)
        {
            throw new EnrollmentFailedException(response.StatusCode, $"The server's answer is not an enrollment response: {e.Message}");
        }
        return enrolled is { AgentCredential.Length: > 0, HostName.Length: > 0 } && enrolled.HostId != Guid.Empty
            ? enrolled
            : throw new EnrollmentFailedException(response.StatusCode, "The server's answer has no host or no credential.");
    }
}
