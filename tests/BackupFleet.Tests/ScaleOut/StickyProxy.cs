using System.Diagnostics;
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

    private readonly ChildProcess _process;
    private readonly string _directory;

    private StickyProxy(ChildProcess process, string directory, int port) => (_process, _directory, BaseAddress) = (process, directory, new Uri($"http://127.0.0.1:{port}/"));

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
        var start = new ProcessStartInfo(Executable);
        foreach (var argument in new[] { "run", "--adapter", "caddyfile", "--config", file })
            start.ArgumentList.Add(argument);
        start.Environment["XDG_DATA_HOME"] = directory;
        start.Environment["XDG_CONFIG_HOME"] = directory;
        var proxy = new StickyProxy(ChildProcess.Start(start), directory, port);
        try
        {
            await proxy._process.WaitUntilAsync(ChildProcess.Healthz(proxy.BaseAddress), TimeSpan.FromSeconds(30), $"Caddy on port {port} with\n{config}\n");
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
        return proxy;
    }

    public HttpClient CreateClient(string? apiKey = TestServer.ApiKey) => IServerUnderTest.ApiClient(BaseAddress, apiKey);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
