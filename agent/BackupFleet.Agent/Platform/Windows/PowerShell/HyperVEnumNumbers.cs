using BackupFleet.Agent.Inventory;

namespace BackupFleet.Agent.Platform.Windows.PowerShell;

/// <summary>
/// The numbers Windows PowerShell 5.1 writes for Hyper-V enums, mapped to the names the inventory format uses.
/// Values from shared/reference/windows-outputs.md §6 (decompiled Hyper-V cmdlets; not checked on a host here).
/// </summary>
public static class HyperVEnumNumbers
{
    /// <summary>VMState. The inventory knows fewer states than Hyper-V: the rest (Reset, Resuming, the *Critical ones…) are Other.</summary>
    public static VmState? VmState(long n) => n switch
    {
        2 => Inventory.VmState.Running,
        3 => Inventory.VmState.Off,
        4 => Inventory.VmState.Stopping,
        6 or 32779 => Inventory.VmState.Saved, // 32779 FastSaved
        9 => Inventory.VmState.Paused,
        10 => Inventory.VmState.Starting,
        32773 or 32780 => Inventory.VmState.Saving, // 32780 FastSaving
        _ => Inventory.VmState.Other,
    };

    /// <summary>IDE=0, SCSI=1; PMEM=2 has no name in the inventory format and is refused.</summary>
    public static ControllerType? ControllerType(long n) => n switch
    {
        0 => Inventory.ControllerType.IDE,
        1 => Inventory.ControllerType.SCSI,
        _ => null,
    };

    public static VhdFormat? VhdFormat(long n) => n switch
    {
        2 => Inventory.VhdFormat.VHD,
        3 => Inventory.VhdFormat.VHDX,
        4 => Inventory.VhdFormat.VHDSet,
        _ => null,
    };

    public static VhdType? VhdType(long n) => n switch
    {
        2 => Inventory.VhdType.Fixed,
        3 => Inventory.VhdType.Dynamic,
        4 => Inventory.VhdType.Differencing,
        _ => null,
    };
}
