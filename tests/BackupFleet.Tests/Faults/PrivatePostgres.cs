using System.Text;
using BackupFleet.Agent.Platform.Windows.Processes;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of the test's own (Debian's binaries, a temporary directory, a free port), so that a fault test
/// can stop and restart it without touching the cluster every other test shares.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _dir;
    private readonly int _port;

    private PrivatePostgres(string dir, int port) => (_dir, _port) = (dir, port);

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=backupfleet;Database=backupfleet";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("bf-pg-").FullName;
        var cluster = new PrivatePostgres(dir, LocalMachine.FreePort());
        await cluster.AsOwnerAsync("chown", "postgres", dir); // PostgreSQL refuses to run as root: the cluster belongs to postgres
        await cluster.PgAsync("initdb", "-D", Path.Combine(dir, "data"), "-U", "backupfleet", "-A", "trust", "--no-sync");
        await cluster.StartAgainAsync();
        await cluster.PgAsync("createdb", "-h", "127.0.0.1", "-p", cluster._port.ToString(), "-U", "backupfleet", "backupfleet");
        return cluster;
    }

    /// <summary>Stops at once, dropping every connection, as a crash or a restart by an administrator does.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop");

    public Task StartAgainAsync() => PgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-w", "-l", Path.Combine(_dir, "log.txt"),
        "-o", $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    private Task PgAsync(string tool, params string[] args) => AsOwnerAsync(Path.Combine(Bin, tool), args);

    /// <summary>Runs as the postgres account when the tests run as root (CI, this machine), as themselves otherwise.</summary>
    private async Task AsOwnerAsync(string program, params string[] args)
    {
        var root = Environment.UserName == "root" && program != "chown";
        var request = root
            ? new ProcessRequest("runuser", ["-u", "postgres", "--", program, .. args], TimeSpan.FromMinutes(1), OutputEncoding: Encoding.UTF8)
            : new ProcessRequest(program, args, TimeSpan.FromMinutes(1), OutputEncoding: Encoding.UTF8);
        var result = await new ProcessRunner().RunAsync(request, CancellationToken.None);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {result.ExitCode}: "
                + string.Join('\n', result.Output.Concat(result.Errors)));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_dir, recursive: true);
    }
}
