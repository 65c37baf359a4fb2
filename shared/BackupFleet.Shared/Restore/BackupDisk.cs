using BackupFleet.Shared.Paths;
using BackupFleet.Shared.PowerShell;

namespace BackupFleet.Shared.Restore;

/// <summary>
/// Attaching the policy's backup VHDX for a restore and detaching it after (KNOWLEDGE.md §2: WSB does neither itself). A backup
/// mounts the same disk, so none may run meanwhile.
/// </summary>
public static class BackupDisk
{
    public static RestoreStep Mount(string vhdxPath, string driveLetter) => new(
        $"Make sure no backup of this host runs, then attach the backup disk; wait until its volume {driveLetter} shows in Get-Volume.",
        $"Mount-VHD -Path {PowerShellLiteral.Quote(vhdxPath)}");

    public static RestoreStep Dismount(string vhdxPath) => new(
        "Detach the backup disk, so that the next backup can attach it.",
        $"Dismount-VHD -Path {PowerShellLiteral.Quote(vhdxPath)}");
}
