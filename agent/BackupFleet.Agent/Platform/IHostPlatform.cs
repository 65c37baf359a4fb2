using BackupFleet.Shared.Inventory;

namespace BackupFleet.Agent.Platform;

/// <summary>
/// Everything the agent needs from the machine it runs on. The Windows implementation (Mount-VHD, wbadmin.exe)
/// comes later; the simulated one plays a scenario file. The job runner sees only this seam.
/// </summary>
public interface IHostPlatform
{
    string ComputerName { get; }

    string OsDescription { get; }

    /// <summary>True when no real disk or backup is touched; shown on the server wherever the host appears.</summary>
    bool IsSimulated { get; }

    /// <summary>The scenario a simulated host plays; null on a real host.</summary>
    string? ScenarioName { get; }

    IVirtualDisks Disks { get; }

    IWindowsBackup Backup { get; }

    /// <summary>The host as it is now (volumes, VMs, target); pre-flight checks read it.</summary>
    Task<HostInventory> GetInventoryAsync(CancellationToken ct);
}
