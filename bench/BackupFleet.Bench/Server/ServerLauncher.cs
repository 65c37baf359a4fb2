using System.Diagnostics;
using System.Text;

namespace BackupFleet.Bench.Server;

/// <summary>
/// The real server, its Release build, in a process of its own as it runs in production, so its memory and CPU can be read
/// apart from the load generator's. Killed with its children when the bench ends, however it ends.
/// </summary>
public sealed class ServerLauncher : IAsyncDisposable
{
    public const string ApiKey = "bench-api-key-0123456789abcdef";
    public const string AdminUser = "bench-admin";
    public const string AdminPassword = "bench-admin-password";

    private readonly Process _process;
    private readonly StringBuilder _tail = new();
    private readonly StreamWriter _log;

    private ServerLauncher(Process process, Uri address, string logPath) =>
        (_process, Address, _log) = (process, address, new StreamWriter(logPath) { AutoFlush = true });

    /// <summary>Where the server's whole output (its warnings and errors) is kept: bench/results/server.log, replaced by each run.</summary>
    public static string LogPath(string repositoryRoot) => Path.Combine(repositoryRoot, "bench", "results", "server.log");

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <param name="settings">Server settings beside the ones every bench run needs, as environment variables (Section__Key).</param>
    public static async Task<ServerLauncher> StartAsync(string repositoryRoot, string connectionString, int port, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(repositoryRoot, "server", "BackupFleet.Server", "bin", "Release", "net10.0", "BackupFleet.Server.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build the solution in Release first (./build.sh bench does).");
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.Combine(repositoryRoot, "server", "BackupFleet.Server"));
        start.Environment["ConnectionStrings__Fleet"] = connectionString;
        start.Environment["Bootstrap__ApiKey"] = ApiKey;
        start.Environment["Bootstrap__AdminUser"] = AdminUser;
        start.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // The bench is one API user making tens of thousands of calls; the limit is for people and scripts.
        start.Environment["RateLimits__ApiPerMinute"] = "100000000";
        // Only warnings: logging every agent's hello and every dispatch would measure the console, not the server.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
            start.Environment[key] = value;

        Directory.CreateDirectory(Path.GetDirectoryName(LogPath(repositoryRoot))!);
        var server = new ServerLauncher(Process.Start(start)!, address, LogPath(repositoryRoot));
        server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitHealthyAsync();
        return server;
    }

    /// <summary>The server's last lines of output, for the message when it fails.</summary>
    public string Tail
    {
        get { lock (_tail) return _tail.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_tail)
        {
            _log.WriteLine(line);
            _tail.AppendLine(line);
            if (_tail.Length > 20_000)
                _tail.Remove(0, _tail.Length - 20_000);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddMinutes(2); // the first start migrates the new database
        while (!await AnswersAsync(probe))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException("The server did not come up:\n" + Tail);
            await Task.Delay(250);
        }
    }

    /// <summary>/healthz says 200: the server listens and reaches PostgreSQL.</summary>
    private static async Task<bool> AnswersAsync(HttpClient probe)
    {
        try
        {
            using var response = await probe.GetAsync("/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Ends the server at once, from a Ctrl-C handler too.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone or disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_tail)
            _log.Dispose();
    }
}
