namespace BackupFleet.Tests.Infrastructure;

/// <summary>A running server the tests talk to, in this process (<see cref="TestServer"/>) or in its own (<see cref="Faults.ServerProcess"/>).</summary>
public interface IServerUnderTest
{
    Uri BaseAddress { get; }

    /// <summary>An HTTP client for the API; with <paramref name="apiKey"/> null it sends no key.</summary>
    HttpClient CreateClient(string? apiKey = TestServer.ApiKey);
}
