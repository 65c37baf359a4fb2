using System.Diagnostics;

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
    private readonly string _logPath;

    private ServerLauncher(Process process, Uri address, string logPath) => (_process, Address, _logPath) = (process, address, logPath);

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
        var logPath = LogPath(repositoryRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        // The server writes its output to the file itself: read through this busy process, a lagging pipe would block the
        // server's logging and so the server (its console logger waits when its queue is full).
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" >\"$0\" 2>&1");
        start.ArgumentList.Add(logPath);
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
        // Stamped in UTC, to line the log up with the wave's minute and the figures (the formatter named, or its options are ignored).
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
        foreach (var (key, value) in settings)
            start.Environment[key] = value;

        var server = new ServerLauncher(Process.Start(start)!, address, logPath);
        await server.WaitHealthyAsync();
        return server;
    }

    /// <summary>The server's last lines of output, for the message when it fails.</summary>
    public string Tail
    {
        get
        {
            using var log = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Seek(Math.Max(0, log.Length - 20_000), SeekOrigin.Begin);
            return new StreamReader(log).ReadToEnd();
        }
    }

    public bool HasExited => _process.HasExited;

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
    }
}
