using System.Diagnostics;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Agent.Wbadmin;
using BackupFleet.Shared.Runs;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

/// <summary>The simulated wbadmin speaks the real output shapes, so the same parser reads it.</summary>
public sealed class SimulatedWbadminTests
{
    private static readonly BackupSpec Spec = new(@"\\nas01\backups\FAST-HEALTHY.vhdx", "B:", true, true, ["C:", "D:"], 5, 5);

    private static async Task<(int ExitCode, List<string> Lines)> RunAsync(Scenario scenario, BackupSpec spec, bool mount = true, CancellationToken ct = default)
    {
        var platform = SimulatedPlatform.FromScenario(scenario);
        if (mount)
        {
            await platform.VirtualDisks.MountAsync(spec.TargetVhdxPath, spec.TargetDriveLetter, ct);
            while (await platform.VirtualDisks.GetVolumeAsync(spec.TargetVhdxPath, ct) is not { IsOnline: true })
                await Task.Delay(10, ct);
        }
        var lines = new List<string>();
        var exit = await platform.Backup.RunWbadminAsync(WbadminCommand.Build(spec), lines.Add, ct);
        return (exit, lines);
    }

    [Fact]
    public async Task A_healthy_backup_prints_the_real_success_shape()
    {
        var (exit, lines) = await RunAsync(FastHealthy(), Spec);

        Assert.Equal(0, exit);
        Assert.True(WbadminOutputParser.Evaluate(exit, lines).Succeeded);
        Assert.Equal(["wbadmin 1.0 - Backup command-line tool", "(C) Copyright Microsoft Corporation. All rights reserved.", "", "Retrieving volume information..."], lines.Take(4));
        Assert.Contains("The backup operation to B: is starting.", lines);
        Assert.Contains("Creating a shadow copy of the volumes specified for backup...", lines);
        Assert.Contains("The backup of volume SYSTEM(EFI System Partition) (100.00 MB) completed successfully.", lines);
        Assert.Contains("The backup of volume Windows(C:) completed successfully.", lines);
        Assert.Contains("The backup of volume VMs(D:) completed successfully.", lines);
        Assert.Contains(lines, l => l.StartsWith("The backup of the system state successfully completed [", StringComparison.Ordinal));
        Assert.Matches(@"^C:\\Windows\\Logs\\WindowsServerBackup\\Backup-\d\d-\d\d-\d{4}_\d\d-\d\d-\d\d\.log$", lines[^1]);
        // Every line is a known shape: the parser finds nothing that looks like an error.
        Assert.All(lines, l => Assert.True(WbadminOutputParser.IsChatter(l), l));
    }

    [Fact]
    public async Task Without_the_mounted_target_wbadmin_fails()
    {
        var (exit, lines) = await RunAsync(FastHealthy(), Spec, mount: false);

        Assert.NotEqual(0, exit);
        Assert.False(WbadminOutputParser.Evaluate(exit, lines).Succeeded);
    }

    [Fact]
    public async Task Cancellation_stops_it_promptly()
    {
        var scenario = FastHealthy().WithSimulation(s => s with { SecondsPerVolume = 120 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(scenario, Spec, ct: cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
