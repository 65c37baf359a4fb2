using BackupFleet.Shared.Paths;
using System.Globalization;
using BackupFleet.Agent.Wbadmin;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>
/// Plays <c>wbadmin start backup</c>: real output shapes (shared/reference/windows-outputs.md §1), with the scenario's
/// timing and faults. The wording of the "This will back up …" item list is composed; the other lines are real shapes.
/// Each backup leaves its version on the target and its events in the log, as a real one does.
/// </summary>
public sealed class SimulatedWbadmin(Scenario scenario, SimulatedDisks disks, TimeProvider time) : IWindowsBackup
{
    private const int PercentStep = 5;
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");
    private readonly SimulatedBackupHistory _history = new();

    public async Task<int> RunWbadminAsync(IReadOnlyList<string> args, Action<string> onOutputLine, CancellationToken ct)
    {
        var settings = scenario.Simulation;
        var startedAt = time.GetUtcNow();
        var startedLocal = time.GetLocalNow();
        var logStamp = startedLocal.ToString("dd-MM-yyyy_HH-mm-ss", CultureInfo.InvariantCulture);
        // The steps around the copying take a small share of the time, as on a real host.
        var phase = SimulatedDisks.Seconds(Math.Min(1.0, settings.SecondsPerVolume / 20));
        var tick = SimulatedDisks.Seconds(settings.SecondsPerVolume * PercentStep / 100);

        onOutputLine("wbadmin 1.0 - Backup command-line tool");
        onOutputLine("(C) Copyright Microsoft Corporation. All rights reserved.");
        onOutputLine("");
        if (SimulatedBackupRequest.Parse(args, out var syntaxError) is not { } request)
        {
            onOutputLine(syntaxError);
            return 1;
        }

        onOutputLine("Retrieving volume information...");
        await Task.Delay(phase, time, ct);
        if (disks.BeginBackup(request.Target) is not { } vhdxPath)
        {
            // Wording not seen in a real sample; a wbadmin run against a missing target fails before it starts.
            onOutputLine($"ERROR - The backup storage location {request.Target} could not be found. Make sure the disk is online.");
            return 1;
        }
        try
        {
            var volumes = SimulatedVolumeNames.For(request, scenario.Inventory);
            var items = string.Join(", ", volumes) + (request.SystemState ? " and the system state" : "");
            onOutputLine($"This will back up {items} to {request.Target}.");
            onOutputLine($"The backup operation to {request.Target} is starting.");
            _history.Started(time.GetUtcNow());
            onOutputLine("Creating a shadow copy of the volumes specified for backup...");
            await Task.Delay(phase * 2, time, ct);
            foreach (var warning in settings.Faults.SnapshotWarnings)
                onOutputLine(Expand(warning, request.Target, logStamp));

            var fault = settings.Faults.Backup;
            for (var i = 0; i < volumes.Count; i++)
            {
                var failing = fault is not null && i == volumes.Count - 1 ? fault : null;
                var limit = failing?.AtPercent ?? 100;
                for (var percent = 0; ; percent += PercentStep)
                {
                    var shown = Math.Min(percent, limit);
                    onOutputLine($"Creating a backup of volume {volumes[i]}, copied ({shown}%).");
                    if (shown >= limit)
                        break;
                    await Task.Delay(tick, time, ct);
                }
                if (failing is not null)
                {
                    var output = failing.Output.Select(line => Expand(line, request.Target, logStamp)).ToList();
                    output.ForEach(onOutputLine);
                    _history.Failed(startedAt, time.GetUtcNow(), WbadminOutputParser.Evaluate(failing.ExitCode, output));
                    return failing.ExitCode;
                }
                onOutputLine($"The backup of volume {volumes[i]} completed successfully.");
            }

            if (request.SystemState)
                onOutputLine($"The backup of the system state successfully completed [{time.GetLocalNow().ToString("M/d/yyyy h:mm tt", EnUs)}].");
            onOutputLine("Summary of the backup operation:");
            onOutputLine("------------------");
            onOutputLine("");
            onOutputLine("The backup operation successfully completed.");
            foreach (var volume in volumes)
                onOutputLine($"The backup of volume {volume} completed successfully.");
            onOutputLine("Log of files successfully backed up:");
            onOutputLine($@"C:\Windows\Logs\WindowsServerBackup\Backup-{logStamp}.log");
            _history.AddVersion(vhdxPath, request.Target, startedAt, request, scenario.Inventory.Vms.Count > 0);
            _history.Succeeded(time.GetUtcNow(), SimulatedVolumeNames.UsedBytes(request, scenario.Inventory));
            return 0;
        }
        finally
        {
            disks.EndBackup(vhdxPath);
        }
    }

    public Task<IReadOnlyList<string>> GetVersionsAsync(string driveLetter, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var target = DriveLetters.Normalise(driveLetter);
        // Wording not seen in a real sample, as for a backup to a missing target.
        if (disks.OnlineAt(target) is not { } vhdxPath)
            throw new IOException($"wbadmin get versions exited with code 1: ERROR - The backup storage location {target} could not be found.");
        IReadOnlyList<string> banner = ["wbadmin 1.0 - Backup command-line tool", "(C) Copyright Microsoft Corporation. All rights reserved.", ""];
        return Task.FromResult<IReadOnlyList<string>>([.. banner, .. _history.VersionLines(vhdxPath)]);
    }

    public Task<IReadOnlyList<WindowsBackupEvent>> GetEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult(_history.Events(from, to));

    private static string Expand(string line, string target, string logStamp) =>
        line.Replace("{target}", target, StringComparison.Ordinal).Replace("{logStamp}", logStamp, StringComparison.Ordinal);
}
