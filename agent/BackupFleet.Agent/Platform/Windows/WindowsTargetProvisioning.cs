using BackupFleet.Agent.Platform.Windows.PowerShell;
using BackupFleet.Agent.Provisioning;
using BackupFleet.Shared.Provisioning;

namespace BackupFleet.Agent.Platform.Windows;

/// <summary>The real creation: New-VHD, Resize-VHD, Initialize-Disk, Format-Volume and Dismount-VHD through Windows PowerShell.</summary>
public sealed class WindowsTargetProvisioning(WindowsPowerShell powerShell) : ITargetProvisioning
{
    public Task ProvisionAsync(TargetRequest request, Action<string> output, CancellationToken ct) =>
        new TargetProvisioner(powerShell, output).RunAsync(ProvisioningPlanner.Plan(request), ct);
}
