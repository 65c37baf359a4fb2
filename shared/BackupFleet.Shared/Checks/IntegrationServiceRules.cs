using BackupFleet.Shared.Inventory;
using static BackupFleet.Shared.PowerShell.PowerShellLiteral;

namespace BackupFleet.Shared.Checks;

/// <summary>The guest's part in an online backup (KNOWLEDGE.md §3, cause 5): the backup integration service.</summary>
internal static class IntegrationServiceRules
{
    // Its name on Windows Server 2012 R2, and on 2016 and later.
    private static readonly string[] BackupServiceNames = ["Backup (volume shadow copy)", "VSS"];

    public static IEnumerable<Finding> Check(HostInventory inventory) =>
        from vm in inventory.Vms
        where vm.State == VmState.Running
        from service in inventory.VmIntegrationServices
        where service.VMName == vm.Name && !service.Enabled && BackupServiceNames.Contains(service.Name, StringComparer.OrdinalIgnoreCase)
        select new Finding(CheckIds.VmBackupIntegrationDisabled, FindingSeverity.Warning, vm.Name,
            $"VM '{vm.Name}' is running with its integration service '{service.Name}' off. The host cannot ask the guest to make its "
            + "data consistent for the backup checkpoint: the VM is saved for the snapshot or skipped by the backup.",
            $"Enable-VMIntegrationService -VMName {Quote(vm.Name)} -Name {Quote(service.Name)}");
}
