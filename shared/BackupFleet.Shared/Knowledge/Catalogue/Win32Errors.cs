using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge.Catalogue;

/// <summary>
/// Win32 errors as HRESULTs (0x8007xxxx: the Win32 code in the low 16 bits) and the generic E_FAIL, as backup, checkpoint and
/// restore report them. Texts are Windows' standard system messages (windows-outputs.md §5 and FormatMessage).
/// </summary>
internal static class Win32Errors
{
    public static readonly IReadOnlyList<KnownError> All =
    [
        new("0x80004005", "E_FAIL", "Unspecified error",
            "A component failed without saying why. The reason is in the events Windows wrote at the same moment.",
            [
                new("A VSS writer or provider failed: the Application log has VSS events, and vssadmin list writers shows the writer in a failed state."),
                new("A Hyper-V checkpoint failed: the Hyper-V-VMMS Admin log names the VM and the real error."),
            ],
            $"Read the errors of the failure's time: {EventLogQuery.Errors(EventSources.Backup, EventSources.Vss)}; then vssadmin list writers."),

        new("0x80070001", "ERROR_INVALID_FUNCTION", "Incorrect function.",
            "Windows was asked for an operation the device or file system does not offer. Restoring a system image or the system "
            + "state from a network share, it is the recovery environment's answer to a path that is too long.",
            [
                new($"Restoring from a share: the path to the backup set (\\\\<server>\\<share>\\…\\WindowsImageBackup\\{Placeholders.Computer}) "
                    + $"is longer than {RestorePath.MaxLength} characters.", CheckIds.RestorePathTooLong),
                new("The backup set on the share is damaged or incomplete, e.g. copied while a backup was still writing it."),
                new("The recovery environment lost its network connection during the restore (driver, cable, switch)."),
            ],
            $"Copy the host's folder to \\\\<server>\\<share>\\WindowsImageBackup\\{Placeholders.Computer} (at most {RestorePath.MaxLength} characters "
            + "in all) and give the recovery environment \\\\<server>\\<share> as the network folder."),

        new("0x80070002", "ERROR_FILE_NOT_FOUND", "The system cannot find the file specified.",
            "Windows looked for a file at a path and it was not there. In a Hyper-V checkpoint (a VM \"skipped during the snapshot\") "
            + "the file it names is often not the one at fault.",
            [
                // KNOWLEDGE.md §3, in its order.
                CheckpointCauses.Layout,
                .. CheckpointCauses.Generic,
                new("A file backup: a file or folder of the selection was deleted or renamed while the backup ran."),
            ],
            "For a VM, check its disk layout first: every disk that is not on the VM's configuration volume must sit in a folder named "
            + $"after the VM (Get-VMHardDiskDrive -VMName {Placeholders.VmName} | Select-Object Path). "
            + $"{CheckpointCauses.MoveWithHyperV} {CheckpointCauses.ManualCheckpoint}"),

        new("0x80070005", "E_ACCESSDENIED", "Access is denied.",
            "The account doing the work lacks a permission on a file, folder, share or other object.",
            [
                new("A Hyper-V checkpoint or merge: the VM's disk files lack the Virtual Machines group's permission, typically after files "
                    + "were copied by hand: icacls \"<VHD>\" /grant \"NT VIRTUAL MACHINE\\Virtual Machines\":F.", CheckIds.VhdAclMissing),
                new($"A share: backups run as Local System, which reaches a share as the computer account <domain>\\{Placeholders.Computer}$; "
                    + "it needs write permission on the share and on the folder."),
                new("An antivirus or another filter driver blocks the file."),
                new("A file backup: a single file could not be read; the Backup_Error log named in the output lists it."),
            ],
            "Find what was denied in the events of that moment (Hyper-V-VMMS Admin for a VM, Microsoft-Windows-Backup otherwise) and "
            + "grant the permission named above; for a VM, Hyper-V's own storage move or a live migration away and back resets "
            + "the permissions of its files."),

        new("0x80070015", "ERROR_NOT_READY", "The device is not ready.",
            "The disk or volume was not there, or not online, when it was used.",
            [
                new("The backup VHDX's volume was not online yet when the backup started (the policy's mount wait is too short for the NAS)."),
                new("The VHDX was dismounted, or the share went away, during the run."),
            ],
            "Raise the policy's mountWaitSeconds; see what is attached: Get-Disk | Where-Object BusType -eq 'File Backed Virtual'."),

        new("0x80070020", "ERROR_SHARING_VIOLATION", "The process cannot access the file because it is being used by another process.",
            "Another program holds the file open, so the backup could not open it.",
            [
                new("The backup VHDX is attached elsewhere: left mounted after an earlier run, or used by another host (one VHDX per host).",
                    CheckIds.TargetSharedByHosts),
                new("Another backup (Windows Server Backup's own schedule, another product) runs at the same time."),
                new("An antivirus scan or another program holds the file."),
            ],
            $"On every host that uses the share, see whether the VHDX is attached: Get-VHD -Path {Placeholders.Target} | Select-Object Path, "
            + $"Attached (it fails with this same error where another host holds it); dismount it there: Dismount-VHD -Path {Placeholders.Target}."),

        new("0x80070035", "ERROR_BAD_NETPATH", "The network path was not found.",
            "The server in the path did not answer as an SMB server.",
            [
                new("The server name does not resolve, or the NAS is off."),
                new("SMB (TCP port 445) is blocked between the host and the NAS."),
                new("In the recovery environment: no network driver or no address yet; the NAS's IP address works where its name does not."),
            ],
            $"Test-NetConnection -ComputerName {Placeholders.Server} -Port 445; Resolve-DnsName {Placeholders.Server}."),

        new("0x80070037", "ERROR_DEV_NOT_EXIST", "The specified network resource or device is no longer available.",
            "The connection to the share (or to a disk) went away in the middle of the operation.",
            [
                new("The NAS restarted, lost power or stopped answering under load (a weak NAS CPU at 100 %)."),
                new("The network dropped: wireless, 100 Mbps links or a faulty cable or switch port (KNOWLEDGE.md §2: wired 1 or 10 Gbps only)."),
                new("The VHDX was dismounted while the backup used it."),
            ],
            $"Look at the NAS's log and uptime for the time of the failure; Test-NetConnection -ComputerName {Placeholders.Server} -Port 445; "
            + "keep host, switches and NAS on a UPS and on a wired network."),

        new("0x80070043", "ERROR_BAD_NET_NAME", "The network name cannot be found.",
            "The server answered, but it has no share of that name.",
            [
                new("The share's name in the path is wrong, or the share was renamed or removed."),
                new("The account has no right to see the share."),
            ],
            $"List the server's shares: net view \\\\{Placeholders.Server}; correct the policy's target path."),

        // KB 3175561 (Windows Server 2012 R2): "<VM> could not initiate a checkpoint operation: The file exists. (0x80070050)".
        new("0x80070050", "ERROR_FILE_EXISTS", "The file exists.",
            "Windows wanted to create a file that is already there.",
            [
                new("A Hyper-V checkpoint: an earlier backup failed and left the VM's AutoRecovery.avhdx behind (Microsoft KB 3175561)."),
                new("A restore to a folder that already holds the files."),
            ],
            "For a VM: rename the AutoRecovery.avhdx left in the folder of the VM's disks, then run the backup again (KB 3175561). For a "
            + "restore: choose an empty recovery target folder."),

        new("0x80070057", "E_INVALIDARG", "The parameter is incorrect.",
            "A program handed Windows a value it does not accept.",
            [
                new("A wrong value on the command line: a version identifier not listed by wbadmin get versions, or a drive letter that is not there."),
                // Field reports on Windows Server 2008 R2; unverified for later versions.
                new("The backup target has 4 KB sectors that an older Windows Server Backup cannot write to (Windows Server 2008 R2)."),
            ],
            "Compare the command's values with wbadmin get versions and Get-Volume; for the target disk: Get-VHD -Path "
            + $"{Placeholders.Target} | Select-Object LogicalSectorSize, PhysicalSectorSize."),

        new("0x80070070", "ERROR_DISK_FULL", "There is not enough space on the disk.",
            "A volume ran out of space while data was written to it.",
            [
                new("The backup volume inside the VHDX is full."),
                new("A source volume is nearly full, so its shadow copy has no room to grow.", CheckIds.LowFreeSpace),
                new("The share holding a dynamic VHDX is full, so the VHDX cannot grow."),
            ],
            "See the free space of each: Get-Volume. For the backup volume, delete old versions (Remove-WBBackupSet -VolumePath <drive> "
            + $"-MachineName {Placeholders.Computer} -KeepVersions <number>) or grow the disk (Resize-VHD -Path {Placeholders.Target} "
            + "-SizeBytes <size>, at most 64TB, then Resize-Partition)."),

        new("0x80070079", "ERROR_SEM_TIMEOUT", "The semaphore timeout period has expired.",
            "A network or disk operation did not complete in time.",
            [
                new("The NAS is overloaded: its CPU at 100 %, e.g. while allocating a large fixed VHDX in one go (KNOWLEDGE.md §2: grow it 2 TB at a time)."),
                new("A network problem between host and NAS (link speed, cable, NIC driver)."),
            ],
            "Watch the NAS's load during a run and keep other traffic off it; grow a fixed VHDX 2 TB at a time (Resize-VHD)."),

        new("0x8007045D", "ERROR_IO_DEVICE", "The request could not be performed because of an I/O device error.",
            "The disk or the connection under a file failed a read or a write.",
            [
                new("Bad sectors or a failing disk on the source or on the NAS."),
                new("The connection to the NAS dropped while the VHDX was written."),
                new("A storage controller or driver problem."),
            ],
            "chkdsk <volume> /scan on the volume named; read the System log's disk errors: "
            + "Get-WinEvent -FilterHashtable @{LogName='System'; ProviderName='disk','Ntfs'; StartTime=(Get-Date).AddDays(-1)}; check the NAS's disks."),

        new("0x8007052E", "ERROR_LOGON_FAILURE", "The user name or password is incorrect.",
            "The share refused the account and password it was given.",
            [
                new("The password stored for the share changed."),
                new("In the recovery environment: the user was typed without its domain or NAS name (type <domain or NAS>\\<user>)."),
            ],
            $"Test the account: net use \\\\{Placeholders.Server}\\<share> /user:<domain or NAS>\\<user>."),
    ];
}
