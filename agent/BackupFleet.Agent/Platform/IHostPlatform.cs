using BackupFleet.Shared.Inventory;

namespace BackupFleet.Agent.Platform;

/// <summary>
/// Everything the agent needs from the machine it runs on: the Windows implementation (Mount-VHD, wbadmin.exe) or the
/// simulated one that plays a scenario file. The job runners see only this seam.
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

    ITargetProvisioning Provisioning { get; }

    /// <summary>The host as it is now (volumes, VMs, target); pre-flight checks read it.</summary>
    Task<HostInventory> GetInventoryAsync(CancellationToken ct);
}
