using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Shared.Enrollment;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>The calls an API user makes, spelled once for all tests.</summary>
public static class FleetApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string UniqueHostName(string prefix = "T") => $"{prefix}-{Guid.NewGuid():N}"[..15].ToUpperInvariant();

    public static async Task<string> CreateEnrollmentTokenAsync(this HttpClient api)
    {
        var response = await api.PostAsJsonAsync("/api/v1/enrollment-tokens", new { validForHours = 1 });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Enrolls a host over HTTP exactly as the agent's enroll command does.</summary>
    public static async Task<EnrollResponse> EnrollAsync(this HttpClient api, string computerName, bool simulated = true)
    {
        var token = await api.CreateEnrollmentTokenAsync();
        var response = await api.PostAsJsonAsync(EnrollmentRoute.Path, new EnrollRequest(token, computerName, "test", simulated));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<EnrollResponse>(Json))!;
    }

    public static PolicyDto ValidPolicy(string computerName) => new(
        $@"\\nas01\backups\{computerName}.vhdx", "B:", AllCritical: true, SystemState: true, ["C:"],
        "0 22 * * *", "Europe/Berlin", 1, 1, 60);

    public static async Task<HttpResponseMessage> PutPolicyAsync(this HttpClient api, Guid hostId, object policy) =>
        await api.PutAsJsonAsync($"/api/v1/hosts/{hostId}/policy", policy, Json);

    public static async Task<HttpResponseMessage> PutTagsAsync(this HttpClient api, Guid hostId, object? tags) =>
        await api.PutAsJsonAsync($"/api/v1/hosts/{hostId}/tags", tags, Json);

    /// <summary>The host's tags as stored.</summary>
    public static async Task<List<string>> TagsAsync(this HttpClient api, Guid hostId) =>
        (await (await api.GetAsync($"/api/v1/hosts/{hostId}")).ReadJsonAsync()).GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();

    /// <summary>Starts a backup of the host (Run now) and waits until it has ended; returns the run as GET /api/v1/runs/{id} shows it.</summary>
    public static async Task<JsonElement> RunToEndAsync(this HttpClient api, Guid hostId) =>
        (await api.EndedRunAsync(await api.RunNowAsync(hostId))).GetProperty("run");

    /// <summary>Run now on the host; the id of the run it queued.</summary>
    public static async Task<Guid> RunNowAsync(this HttpClient api, Guid hostId)
    {
        var response = await api.PostAsync($"/api/v1/hosts/{hostId}/runs", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>GET /api/v1/runs/{id} once the backup is under way: a progress line of wbadmin's is stored.</summary>
    public static Task<JsonElement> BackingUpRunAsync(this HttpClient api, Guid runId) =>
        api.GetJsonUntilAsync($"/api/v1/runs/{runId}", r => r.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "Progress"));

    /// <summary>GET /api/v1/runs/{id} once the run has ended (neither Queued nor Running): the run, its events and its decoded error.</summary>
    public static Task<JsonElement> EndedRunAsync(this HttpClient api, Guid runId) =>
        api.GetJsonUntilAsync($"/api/v1/runs/{runId}", r => r.GetProperty("run").GetProperty("state").GetString() is not ("Queued" or "Running"));

    /// <summary>A run's events, checked to be numbered 1, 2, 3… with none missing and none twice.</summary>
    public static List<JsonElement> EventsOnceInOrder(JsonElement runDetails)
    {
        var events = runDetails.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.GetProperty("sequence").GetInt32()));
        return events;
    }

    /// <summary>The names of the hosts GET /api/v1/hosts lists for <paramref name="query"/> (a query string without the "?").</summary>
    public static async Task<List<string>> HostNamesAsync(this HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/v1/hosts?" + query);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToList();
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>GETs until the answer is 200 and satisfies <paramref name="done"/>, for what the agent reports beside a request.</summary>
    public static async Task<JsonElement> GetJsonUntilAsync(this HttpClient api, string url, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await api.GetAsync(url);
            if (response.StatusCode == System.Net.HttpStatusCode.OK && await response.ReadJsonAsync() is var json && done(json))
                return json;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"GET {url}: no satisfying answer in 30 s; last: {(int)response.StatusCode}.");
            await Task.Delay(100);
        }
    }

    /// <summary>A new API key with <paramref name="role"/>, created by the caller's key; the secret as the server returned it once.</summary>
    public static async Task<string> CreateApiKeyAsync(this HttpClient api, string role, string name = "test")
    {
        var response = await api.PostAsJsonAsync("/api/v1/api-keys", new { name, role });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("key").GetString()!;
    }

    /// <summary>A new dashboard account; returns its id.</summary>
    public static async Task<Guid> CreateUserAsync(this HttpClient api, string userName, string password, string role)
    {
        var response = await api.PostAsJsonAsync("/api/v1/users", new { userName, password, role });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }
}
