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

    public static async Task RunAsync(BenchOptions options, ServerLauncher server, AgentFleet fleet, BenchReport report)
    {
        var rssBefore = ProcessStats.ResidentBytes(server.Pid);
        foreach (var step in options.AgentSteps)
        {
            var failedBefore = FailedConnects(fleet.Log);
            var dropsBefore = Drops(fleet.Log);
            var clock = Stopwatch.StartNew();
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
            await SettleAsync(server.Pid);
            var cpu = await ProcessStats.CpuPercentAsync(server.Pid, IdleWindow);
            var rss = ProcessStats.ResidentBytes(server.Pid);
            var ramp = new RampStep(step, connectSeconds, FailedConnects(fleet.Log) - failedBefore, Drops(fleet.Log) - dropsBefore, fleet.Disconnected,
                rss / Mb, cpu, (rss - rssBefore) / 1024.0 / step, ProcessStats.ResidentBytes(Environment.ProcessId) / Mb, ProcessStats.OpenFiles(server.Pid));
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
