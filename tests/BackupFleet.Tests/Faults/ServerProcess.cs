using System.Diagnostics;
using System.Text;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// The real server (its own Release build, as the demo starts it) in a process of its own on a fixed port and a test
/// database: what a fault test can kill outright and start again where agents expect it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly TestDatabase _db;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServerProcess(TestDatabase db, int port) => (_db, Port) = (db, port);

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public static async Task<ServerProcess> StartAsync()
    {
        var server = new ServerProcess(await TestDatabase.CreateAsync(), LocalMachine.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", TestServer.ApiKey);
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
        })
            start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
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
                throw new InvalidOperationException("The server process did not come up:\n" + Output);
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
        await _db.DisposeAsync();
    }
}
