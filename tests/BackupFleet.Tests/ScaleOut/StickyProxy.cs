using System.Diagnostics;
using System.Net.Http;
using System.Text.RegularExpressions;
using BackupFleet.Tests.Faults;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.ScaleOut;

/// <summary>
/// Debian's Caddy running the Caddyfile that docker-compose.yml ships (deploy/Caddyfile), with the compose service's
/// replicas replaced by two server processes on loopback: the same sticky cookie, retries and streaming.
/// </summary>
public sealed partial class StickyProxy : IServerUnderTest, IAsyncDisposable
{
    public const string Executable = "/usr/bin/caddy";
    public const string StickyCookie = "backupfleet_node";

    private readonly Process _process;
    private readonly string _directory;
    private readonly System.Text.StringBuilder _output = new();

    private StickyProxy(Process process, string directory, int port) => (_process, _directory, BaseAddress) = (process, directory, new Uri($"http://127.0.0.1:{port}/"));

    public Uri BaseAddress { get; }

    [GeneratedRegex(@"dynamic a node 8080 \{[^}]*\}")]
    private static partial Regex ComposeReplicas();

    public static async Task<StickyProxy> StartAsync(params ServerProcess[] nodes)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install Debian's caddy package (./build.sh test does).");
        var shipped = await File.ReadAllTextAsync(Path.Combine(LocalMachine.RepositoryRoot(), "deploy", "Caddyfile"));
        Assert.Matches(ComposeReplicas(), shipped);
        var port = LocalMachine.FreePort();
        var config = "{\n\tadmin off\n}\n" + shipped
            .Replace(":80 {", $"http://127.0.0.1:{port} {{")
            .Replace(ComposeReplicas().Match(shipped).Value, "to " + string.Join(" ", nodes.Select(n => $"127.0.0.1:{n.Port}")));
        var directory = Directory.CreateTempSubdirectory("caddy-").FullName;
        var file = Path.Combine(directory, "Caddyfile");
        await File.WriteAllTextAsync(file, config);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "run", "--adapter", "caddyfile", "--config", file })
            start.ArgumentList.Add(argument);
        start.Environment["XDG_DATA_HOME"] = directory;
        start.Environment["XDG_CONFIG_HOME"] = directory;
        var proxy = new StickyProxy(Process.Start(start)!, directory, port);
        proxy._process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        proxy._process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        proxy._process.BeginOutputReadLine();
        proxy._process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode)
                    return proxy;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (proxy._process.HasExited || DateTime.UtcNow > deadline)
            {
                await proxy.DisposeAsync();
                throw new InvalidOperationException($"Caddy did not come up on port {port} with:\n{config}\nIt said:\n{proxy.Output}");
            }
            await Task.Delay(200);
        }
    }

    private string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private void Append(string? line)
    {
        if (line is not null)
            lock (_output)
                _output.AppendLine(line);
    }

    public HttpClient CreateClient(string? apiKey = TestServer.ApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
