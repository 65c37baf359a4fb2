using System.Runtime.InteropServices;
using BackupFleet.Shared.Inventory;
using BackupFleet.Agent.Platform.Windows.PowerShell;
using BackupFleet.Agent.Platform.Windows.Processes;

namespace BackupFleet.Agent.Platform.Windows;

/// <summary>A real Windows Server / Hyper-V host: Mount-VHD and friends through Windows PowerShell 5.1, backups through wbadmin.exe.</summary>
public sealed class WindowsPlatform : IHostPlatform
{
    // The server refuses longer texts in the agent's hello (AgentInput).
    private const int MaxDescriptionLength = 255;
    private readonly WindowsInventory _inventory;
    private readonly Func<string?> _targetPath;

    /// <param name="targetPath">The backup VHDX as far as the agent knows it (the last job's), for the inventory; null before any job.</param>
    public WindowsPlatform(IProcessRunner runner, WindowsTools tools, Func<string?> targetPath)
    {
        var powerShell = new WindowsPowerShell(runner, tools.PowerShellPath);
        Disks = new WindowsVirtualDisks(powerShell);
        Backup = new WindowsBackup(runner, tools);
        _inventory = new WindowsInventory(powerShell);
        Provisioning = new WindowsTargetProvisioning(powerShell);
        _targetPath = targetPath;
    }

    public string ComputerName => Environment.MachineName;

    public string OsDescription => RuntimeInformation.OSDescription is var d && d.Length > MaxDescriptionLength ? d[..MaxDescriptionLength] : d;

    public bool IsSimulated => false;

    public string? ScenarioName => null;

    public IVirtualDisks Disks { get; }

    public IWindowsBackup Backup { get; }

    public ITargetProvisioning Provisioning { get; }

    public Task<HostInventory> GetInventoryAsync(CancellationToken ct) => _inventory.CaptureAsync(_targetPath(), ct);
}
