using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>Debian's redis-server in a process of the test's own, on a free loopback port, keeping nothing on disk.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    /// <summary>As the server's <c>ConnectionStrings:Redis</c> takes it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <param name="port">Where it listens; a free port when not given.</param>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install Debian's redis-server package (./build.sh test does).");
        port ??= LocalMachine.FreePort();
        var start = new ProcessStartInfo(Executable);
        foreach (var argument in new[] { "--port", port.Value.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning" })
            start.ArgumentList.Add(argument);
        var redis = new RedisServer(ChildProcess.Start(start), port.Value);
        await redis._process.WaitUntilAsync(redis.AnswersAsync, TimeSpan.FromSeconds(15), $"redis-server on port {port}");
        return redis;
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
