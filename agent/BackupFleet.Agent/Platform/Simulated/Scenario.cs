using BackupFleet.Shared.Inventory;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>A simulated host: what it looks like (an inventory) and how its backups behave (timings, faults).</summary>
/// <param name="Name">Shown on the server as the host's scenario.</param>
public sealed record Scenario(string Name, string Description, HostInventory Inventory, SimulationSettings Simulation);

/// <summary>Timings are in seconds and may be fractional, so tests can run a whole backup in a fraction of a second.</summary>
/// <param name="MountSeconds">From Mount-VHD until the VHDX's volume is online.</param>
/// <param name="ReleaseSeconds">From wbadmin's exit until the backup engine lets go of the disk.</param>
/// <param name="SecondsPerVolume">How long wbadmin takes to copy each volume of the backup set.</param>
public sealed record SimulationSettings(double MountSeconds, double ReleaseSeconds, double SecondsPerVolume, SimulationFaults Faults);

/// <summary>What goes wrong on this host. Output lines may use {target} (e.g. "B:") and {logStamp} (DD-MM-YYYY_HH-MM-SS).</summary>
public sealed record SimulationFaults
{
    public static SimulationFaults None { get; } = new();

    /// <summary>Mount-VHD fails with this message.</summary>
    public MountFault? Mount { get; init; }

    /// <summary>The VHDX attaches but its volume never comes online.</summary>
    public bool VolumeNeverOnline { get; init; }

    /// <summary>Mount-VHD never returns, as when the share stops answering in the middle of the attach.</summary>
    public bool MountHangs { get; init; }

    /// <summary>wbadmin fails part-way.</summary>
    public BackupFault? Backup { get; init; }

    /// <summary>Lines wbadmin prints after creating the shadow copy, e.g. a VM skipped by the snapshot; the backup still succeeds.</summary>
    public IReadOnlyList<string> SnapshotWarnings { get; init; } = [];
}

public sealed record MountFault(string Message);

/// <param name="AtPercent">wbadmin's own percentage on the last volume of the backup set when it fails; earlier volumes complete.</param>
/// <param name="ExitCode">wbadmin's exit code after the failure.</param>
/// <param name="Output">The failure lines wbadmin prints after the last progress line.</param>
public sealed record BackupFault(int AtPercent, int ExitCode, IReadOnlyList<string> Output);
