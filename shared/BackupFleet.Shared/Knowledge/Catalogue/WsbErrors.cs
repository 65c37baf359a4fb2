using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge.Catalogue;

/// <summary>
/// Windows Server Backup's own errors (0x8078xxxx, its facility 0x78). Texts: windows-outputs.md §5 (Microsoft KB articles and
/// events); Microsoft publishes no header for them, so they have no symbols.
/// </summary>
internal static class WsbErrors
{
    public static readonly IReadOnlyList<KnownError> All =
    [
        // Known from event 521 and Microsoft KB 2615182, which do not quote the code's own text.
        new("0x807800A1", "", "",
            "The shadow copy of the volumes to back up failed (Microsoft-Windows-Backup event 521 reports it).",
            [
                new("A VSS writer failed: vssadmin list writers shows it with its last error."),
                new("A source volume has too little room for its shadow copy.", CheckIds.LowFreeSpace),
                new("A third-party VSS provider fails (vssadmin list providers)."),
            ],
            $"vssadmin list writers; read the errors around it: {EventLogQuery.Errors(EventSources.Vss)}; then look up the VSS code they name."),

        // Text: a third-party quote (windows-outputs.md §5).
        new("0x807800C5", "", "There was a failure in preparing the backup image of one of the volumes in the backup set.",
            "Windows Server Backup could not write the image of a volume to the backup target.",
            [
                new("The backup target is full, unreachable or not writable."),
                new("Windows Server 2008 R2 only: a source volume is larger than 2 TB, which its VHD-based backup format cannot hold."),
            ],
            "Check the target's free space and that it is reachable; the Backup_Error log in C:\\Windows\\Logs\\WindowsServerBackup names the volume."),

        new("0x80780102", "", "System writer is not found in the backup.",
            "The System Writer, which the system state and bare-metal backups need, did not take part.",
            [
                new("The System Writer is missing from vssadmin list writers: its service, Cryptographic Services, failed or is stuck."),
            ],
            "vssadmin list writers | Select-String 'System Writer'; if it is missing: Restart-Service CryptSvc, then run the backup again."),

        new("0x8078010D", "", "Enumeration of the files failed.",
            "Building the list of files to back up (the system state's, usually) failed part way.",
            [
                // Field reports; the failing path is named in the error log.
                new("A service's or driver's registry entry points to a file that does not exist or to a path written in a form the backup cannot read."),
                new("File system errors on the volume: chkdsk <volume> /scan."),
            ],
            "Open the SystemStateBackup_Error log the output names (in C:\\Windows\\Logs\\WindowsServerBackup): it names the path that failed."),

        // Text: a third-party quote (windows-outputs.md §5); it is about the source volume's shadow storage, not the target.
        new("0x80780119", "", "There is not enough disk space to create the volume shadow copy on the storage location",
            "A volume being backed up has no room for its shadow copy.",
            [
                new("A source volume is nearly full; often a small system partition (System Reserved, EFI or Recovery) with little free space.",
                    CheckIds.LowFreeSpace),
                new("The shadow storage of the volume is limited too tightly."),
            ],
            "vssadmin list shadowstorage shows each volume's room; free space on the volume, or put its shadow storage on a larger volume: "
            + "vssadmin add shadowstorage /for=<volume> /on=<other volume> /maxsize=<size>."),

        new("0x8078011E", "", "Windows Backup failed to get an exclusive lock on the EFI system partition (ESP).",
            "Another program had files open on the EFI system partition, which the backup must lock.",
            [
                new("An antivirus, disk or firmware tool has files open on the ESP."),
                new("An earlier backup is still running or hung."),
            ],
            "Stop the program that uses the ESP (or restart the host), exclude the ESP from scans, then run the backup again."),

        new("0x8078015B", "", "Windows Backup encountered an error when accessing the remote shared folder.",
            "The backup could not use the share it writes to.",
            [
                new("The share is unreachable: the NAS is off, the network is down or its name does not resolve."),
                new($"The computer account <domain>\\{Placeholders.Computer}$ lacks write permission on the share (backups run as Local System)."),
                new("The policy writes straight to the share: full backups only, one version, and every share problem fails the run. "
                    + "A VHDX on the share, mounted per run, avoids it.", CheckIds.TargetDirectSmb),
                new("Several hosts use the same target.", CheckIds.TargetSharedByHosts),
            ],
            $"Test-Path -LiteralPath {Placeholders.Target}; Test-NetConnection -ComputerName {Placeholders.Server} -Port 445; "
            + "check the share's permissions for the computer account."),

        // windows-outputs.md §5 lists these three as seen in the field, with no source for their meaning.
        Undocumented("0x80780049"),
        Undocumented("0x8078004F"),
        Undocumented("0x80780081"),
    ];

    private static KnownError Undocumented(string code) => new(code, "", "",
        "A Windows Server Backup error whose text no public source gives. The event that reported it says more.",
        [],
        $"Read the events that name it: {EventLogQuery.ForHResult(code, EventSources.Backup)}.");
}
