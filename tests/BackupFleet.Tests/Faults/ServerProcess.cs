using System.Diagnostics;
using System.Text;
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
    private readonly StringBuilder _output = new();
    private Process? _process;

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

    public HttpClient CreateClient(string? apiKey = TestServer.ApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Starts the process and waits until /healthz answers.</summary>
    public async Task StartAgainAsync()
    {
        var root = LocalMachine.RepositoryRoot();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Generous: on two cores the rest of the suite runs beside it. A process that did not come up is not left running.
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                await KillAsync();
                throw new InvalidOperationException("The server process did not come up within 120 s:\n" + Output);
            }
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to its agents.</summary>
    public async Task KillAsync()
    {
        _process!.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private void Append(string? line)
    {
        if (line is not null)
            lock (_output)
                _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
            await KillAsync();
        _process?.Dispose();
        if (_ownsDatabase)
            await _db.DisposeAsync();
    }
}
