using BackupFleet.Shared.Inventory;

namespace BackupFleet.Shared.Checks;

/// <summary>The host rules: pure functions over one inventory snapshot, run by the agent before each backup and by <c>agent check</c>.</summary>
public static class HostChecks
{
    /// <summary>Every finding, worst first (<see cref="Finding.Order"/>); one per rule and subject.</summary>
    public static IReadOnlyList<Finding> Run(HostInventory inventory) =>
        VmLayoutRules.Check(inventory)
            .Concat(VmDiskRules.Check(inventory))
            .Concat(IntegrationServiceRules.Check(inventory))
            .Concat(VolumeRules.Check(inventory))
            .Concat(BackupTargetRules.Check(inventory))
            // A disk attached to two VMs (a shared VHDX) is one finding; paths are compared as Windows does, without case.
            .DistinctBy(f => (f.Check, f.Subject.ToUpperInvariant()))
            .Order(Finding.Order)
            .ToList();
}
