namespace BackupFleet.Tests.Infrastructure;

/// <summary>A running server the tests talk to, in this process (<see cref="TestServer"/>) or in its own (<see cref="Faults.ServerProcess"/>).</summary>
public interface IServerUnderTest
{
    Uri BaseAddress { get; }

    /// <summary>An HTTP client for the API; with <paramref name="apiKey"/> null it sends no key.</summary>
    HttpClient CreateClient(string? apiKey = TestServer.ApiKey);

    /// <summary>What every server's <see cref="CreateClient"/> does.</summary>
    public static HttpClient ApiClient(Uri baseAddress, string? apiKey)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }
}
