using System.Diagnostics;
using BackupFleet.Bench.Load;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;

namespace BackupFleet.Bench.Figures;

/// <summary>
/// Figure a: connects the fleet in steps (e.g. 1,000 → 2,500 → 5,000 → 10,000) and, at each, what connecting took and what holding
/// the connections costs the server while the agents only keep them alive (SignalR's keep-alive pings: an idle agent sends nothing else).
/// </summary>
public static class RampFigure
{
    private const double Mb = 1024 * 1024;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(BenchOptions options, ServerLauncher server, BenchDatabase database, AgentFleet fleet, BenchReport report)
    {
        var rssBefore = ProcessStats.ResidentBytes(server.Pid);
        foreach (var step in options.AgentSteps)
        {
            var failedBefore = FailedConnects(fleet.Log);
            var dropsBefore = Drops(fleet.Log);
            var clock = Stopwatch.StartNew();
            using var connecting = new CancellationTokenSource();
            var peak = WatchConnectionsAsync(database, connecting.Token);
            using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            {
                try
                {
                    await fleet.StartAsync(fleet.Started, step, limit.Token);
                }
                catch (OperationCanceledException)
                {
                    report.Notes.Add($"ramp {step}: not every agent had connected after 5 minutes.");
                }
            }
            var connectSeconds = clock.Elapsed.TotalSeconds;
            connecting.Cancel();
            await SettleAsync(server.Pid);
            var cpu = await ProcessStats.CpuPercentAsync(server.Pid, IdleWindow);
            var rss = ProcessStats.ResidentBytes(server.Pid);
            var ramp = new RampStep(step, connectSeconds, FailedConnects(fleet.Log) - failedBefore, Drops(fleet.Log) - dropsBefore, fleet.Disconnected,
                rss / Mb, cpu, (rss - rssBefore) / 1024.0 / step, ProcessStats.ResidentBytes(Environment.ProcessId) / Mb, ProcessStats.OpenFiles(server.Pid), await peak);
            report.Ramp.Add(ramp);
            Console.WriteLine($"  ramp {step}: connected in {ramp.ConnectSeconds:0.0} s, server {ramp.ServerRssMb:0} MB, idle CPU {ramp.ServerIdleCpuPercent:0.0} %, "
                + $"{ramp.FailedConnects} failed connects, {ramp.Drops} drops, {ramp.NotConnected} not connected");
        }

        var last = report.Ramp[^1];
        var errors = report.Ramp.Sum(r => r.FailedConnects + r.Drops) + last.NotConnected;
        var fullSize = last.Agents >= 10_000;
        var note = fullSize ? null : $"measured at {last.Agents} agents; the goal is for 10,000";
        report.Add(new FigureRow("a. agents", "connected and heartbeating", "10,000, no errors", last.Agents - last.NotConnected, "agents",
            Pass: fullSize ? errors == 0 && last.NotConnected == 0 : null, Note: errors > 0 ? $"{errors} errors (failed connects, drops, not connected)" : note));
        report.Add(new FigureRow("a. agents", $"server RSS at {last.Agents} agents", "≤ 2,048 MB", last.ServerRssMb, "MB",
            Pass: fullSize ? last.ServerRssMb <= 2048 : null, Note: note));
    }

    /// <summary>
    /// The most connections open to the bench's database, sampled twice a second until <paramref name="ct"/>: PostgreSQL refuses
    /// connections past its max_connections (100 by default), which the agents then see as "the server cannot reach its database".
    /// </summary>
    private static async Task<long> WatchConnectionsAsync(BenchDatabase database, CancellationToken ct)
    {
        long most = 0;
        while (!ct.IsCancellationRequested)
        {
            most = Math.Max(most, await database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{BenchDatabase.Name}'"));
            await Task.Delay(500, CancellationToken.None);
        }
        return most;
    }

    /// <summary>Waits (at most a minute) until the server has worked off what the connects set going (hellos, inventories, fleet checks).</summary>
    private static async Task SettleAsync(int pid)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && await ProcessStats.CpuPercentAsync(pid, TimeSpan.FromSeconds(2)) > 15)
        {
        }
    }

    /// <summary>A connect attempt that failed and is retried, as the agent logs it.</summary>
    private static int FailedConnects(CountingLogger log) => log.Count("Cannot reach the server") + log.Count("The server refused this agent's credential");

    /// <summary>An open connection lost, as the agent logs it.</summary>
    private static int Drops(CountingLogger log) => log.Count("Lost the connection") + log.Count("The connection to the server closed");
}
