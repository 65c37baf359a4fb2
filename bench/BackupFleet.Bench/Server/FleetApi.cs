using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BackupFleet.Bench.Server;

/// <summary>The REST calls the bench makes, as an API user with the bootstrap key would.</summary>
public sealed partial class FleetApi(Uri server) : IDisposable
{
    private readonly HttpClient _http = Client(server);

    public Uri Server => server;

    /// <summary>A client with the API key; generous connection reuse, as the bench makes calls from many tasks at once.</summary>
    private static HttpClient Client(Uri server)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ServerLauncher.ApiKey);
        return client;
    }

    public async Task<string> CreateEnrollmentTokenAsync()
    {
        var response = await _http.PostAsJsonAsync("/api/v1/enrollment-tokens", new { validForHours = 24 });
        return (await ReadAsync(response)).GetProperty("token").GetString()!;
    }

    /// <summary>A daily policy on its own VHDX on <paramref name="nas"/>, run at <paramref name="schedule"/> in UTC.</summary>
    public async Task PutPolicyAsync(Guid hostId, string hostName, string nas, string schedule)
    {
        var policy = new
        {
            targetPath = Load.FleetScenario.TargetPath(hostName, nas), targetDriveLetter = "B:", allCritical = true, systemState = true, includeVolumes = new[] { "C:" },
            schedule, timeZone = "UTC", mountWaitSeconds = 5, dismountWaitSeconds = 5, startWindowMinutes = 240, enabled = true,
        };
        var response = await _http.PutAsJsonAsync($"/api/v1/hosts/{hostId}/policy", policy);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            throw await FailedAsync(response);
    }

    /// <summary>Run now; the queued run's id.</summary>
    public async Task<Guid> RunNowAsync(Guid hostId) => (await ReadAsync(await _http.PostAsync($"/api/v1/hosts/{hostId}/runs", null))).GetProperty("id").GetGuid();

    public async Task<string> RunStateAsync(Guid runId) =>
        (await ReadAsync(await _http.GetAsync($"/api/v1/runs/{runId}?eventLimit=1"))).GetProperty("run").GetProperty("state").GetString()!;

    /// <summary>GET <paramref name="path"/> and read the body in full; throws unless 200.</summary>
    public async Task GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw await FailedAsync(response);
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await ReadAsync(await _http.GetAsync(path));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : throw await FailedAsync(response);

    private static async Task<Exception> FailedAsync(HttpResponseMessage response) =>
        new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} "
            + await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>A client signed in to the dashboard through the login form, as a browser is (its cookie, not the API key).</summary>
    public static async Task<HttpClient> SignInAsync(Uri server)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server };
        var form = await client.GetStringAsync("/login");
        var match = AntiforgeryField().Match(form);
        if (!match.Success)
            throw new InvalidOperationException("The sign-in form has no anti-forgery token.");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = ServerLauncher.AdminUser,
            ["password"] = ServerLauncher.AdminPassword,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("failed") != false)
            throw new InvalidOperationException($"Signing in failed: {(int)response.StatusCode} to {response.Headers.Location}.");
        return client;
    }

    public void Dispose() => _http.Dispose();
}
