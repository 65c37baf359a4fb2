using System.Diagnostics;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// The real server (its own Release build, as the demo starts it) in a process of its own on a fixed port and a test
/// database: what a fault test can kill outright and start again where agents expect it, and what a scale-out test runs
/// twice on one database.
/// </summary>
public sealed class ServerProcess : IServerUnderTest, IAsyncDisposable
{
    private readonly TestDatabase _db;
    private readonly IReadOnlyDictionary<string, string> _settings;
    // A second node shares the first one's database and leaves it to the first to drop.
    private readonly bool _ownsDatabase;
    private ChildProcess? _process;

    private ServerProcess(TestDatabase db, int port, IReadOnlyDictionary<string, string> settings, bool ownsDatabase) =>
        (_db, Port, _settings, _ownsDatabase) = (db, port, settings, ownsDatabase);

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string DatabaseConnectionString => _db.ConnectionString;

    /// <param name="settings">More settings, as environment variables (e.g. <c>ConnectionStrings__Redis</c>).</param>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var db = await TestDatabase.CreateAsync();
        var server = new ServerProcess(db, LocalMachine.FreePort(), settings ?? new Dictionary<string, string>(), ownsDatabase: true);
        try
        {
            await server.StartAgainAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Another node on the same database with the same settings, on a port of its own.</summary>
    public async Task<ServerProcess> StartAnotherNodeAsync()
    {
        var node = new ServerProcess(_db, LocalMachine.FreePort(), _settings, ownsDatabase: false);
        await node.StartAgainAsync();
        return node;
    }

    public HttpClient CreateClient(string? apiKey = TestServer.ApiKey) => IServerUnderTest.ApiClient(BaseAddress, apiKey);

    /// <summary>Starts the process and waits until /healthz answers.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync(); // the one before, killed by the test
        var root = LocalMachine.RepositoryRoot();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(Path.Combine(root, "server", "BackupFleet.Server", "bin", "Release", "net10.0", "BackupFleet.Server.dll"));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.Combine(root, "server", "BackupFleet.Server"));
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ConnectionStrings__Fleet"] = _db.ConnectionString,
            ["Bootstrap__ApiKey"] = TestServer.ApiKey,
            ["Bootstrap__AdminUser"] = TestServer.AdminUser,
            ["Bootstrap__AdminPassword"] = TestServer.AdminPassword,
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Hangfire__SchedulePollingInterval"] = "00:00:01",
            ["Hangfire__QueuePollInterval"] = "00:00:00.200",
            ["RateLimits__ApiPerMinute"] = "1000000",
            ["RateLimits__SignInPerMinute"] = "100000",
        }.Concat(_settings))
            start.Environment[key] = value;
        _process = ChildProcess.Start(start);
        // Generous: on two cores the rest of the suite runs beside it.
        await _process.WaitUntilAsync(ChildProcess.Healthz(BaseAddress), TimeSpan.FromSeconds(120), $"The server process on port {Port}");
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to its agents.</summary>
    public Task KillAsync() => _process!.KillAsync();

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        if (_ownsDatabase)
            await _db.DisposeAsync();
    }
}
