using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge.Catalogue;

/// <summary>
/// Windows Server Backup's events in the Microsoft-Windows-Backup log (windows-outputs.md §4; 517, 521 and 547 may be in the
/// Application log instead). Symbol holds the event's level. Texts as windows-outputs.md quotes them: "…" where it quotes
/// only part, "{t}" and "{code}" where Windows puts a time and a code; empty where it gives no text.
/// </summary>
internal static class BackupEvents
{
    private const string DecodeTheCode = "The event names an error code: decode it (agent explain <code>), which says what to do.";

    private static string Id(int id) => $"{EventSources.Backup}/{id}";

    public static readonly IReadOnlyList<KnownError> All =
    [
        new(Id(1), "Information", "",
            "A backup started. Nothing to do.", [], "None."),
        new(Id(4), "Information", "The backup operation has finished successfully.",
            "The backup succeeded. Nothing to do.", [], "None."),
        // Its order against event 4 is unverified.
        new(Id(14), "Information", "",
            "A backup ended; whether it succeeded, events 4, 5 or 7 say.", [], "None."),

        new(Id(5), "Error",
            "The backup operation that started at '{t}' has failed with following error code '{code}' ({text}). Please review the event details…",
            "The backup failed; the code in the message says why.", [], DecodeTheCode),

        new(Id(7), "Warning",
            "The backup operation that started at '{t}' has completed with errors…",
            "The backup finished but left something out: files it could not read, or a VM skipped during the snapshot. That part cannot be restored.",
            [
                new("A VM was skipped during the snapshot: its checkpoint failed (see the Hyper-V-VMMS Admin log).", CheckIds.VmDiskOutsideVmFolder),
                new("Files could not be read: the Backup_Error log in C:\\Windows\\Logs\\WindowsServerBackup lists them."),
            ],
            "Read the wbadmin output or the Backup_Error log for what was left out, and decode the error it names."),

        new(Id(9), "Error",
            "…has failed because the Volume Shadow Copy Service operation to create a shadow copy of the volumes being backed up failed.",
            "The shadow copy of the volumes to back up failed, so nothing was copied.",
            [
                new("A VSS writer failed (vssadmin list writers)."),
                new("A source volume has too little room for its shadow copy.", CheckIds.LowFreeSpace),
            ],
            $"vssadmin list writers; read the errors around it: {EventLogQuery.Errors(EventSources.Vss)}."),

        new(Id(19), "Error",
            "The backup operation attempted at '{t}' has failed to start, error code '{code}'…",
            "The backup did not start at all; the code says why.", [], DecodeTheCode),

        new(Id(49), "Error",
            "…failed because no backup storage location could be found…",
            "The disk or share the backup writes to was not there.",
            [
                new("The backup VHDX was not mounted, or its volume did not get the policy's drive letter."),
                new("The share with the VHDX is unreachable."),
            ],
            $"Mount-VHD -Path {Placeholders.Target}; Get-Volume | Where-Object DriveLetter shows whether the volume came online with its letter."),

        new(Id(50), "Error",
            "…failed because the required space was not available on the backup storage location…",
            "The backup volume has no room for this backup.",
            [
                new("The VHDX is too small for the data and the versions kept."),
            ],
            $"Grow the disk (Resize-VHD -Path {Placeholders.Target} -SizeBytes <size>, then Resize-Partition) or delete old versions "
            + $"(Remove-WBBackupSet -VolumePath <drive> -MachineName {Placeholders.Computer} -KeepVersions <number>)."),

        new(Id(51), "Warning",
            "The backup storage location is running low on free space…",
            "The backup volume is filling up; Windows will delete old versions or the next backups will fail.",
            [],
            $"Plan to grow the disk: Resize-VHD -Path {Placeholders.Target} -SizeBytes <size> (at most 64TB), then Resize-Partition."),

        new(Id(146), "Warning",
            "A volume included for backup is missing…",
            "A volume the policy names does not exist on the host (any more), so it was not backed up.",
            [
                new("The volume was removed, or its drive letter changed."),
            ],
            "Compare the policy's volumes with Get-Volume and correct the policy."),

        new(Id(517), "Error",
            "Backup started at '{t}' failed with following error code '{code}' ({text}).",
            "The system state backup failed; the code says why.", [], DecodeTheCode),

        new(Id(521), "Error",
            "Backup started at '{t}' failed as Volume Shadow copy operation failed for backup volumes with following error code '{code}'.",
            "The shadow copy of the volumes to back up failed (Microsoft KB 2615182).",
            [
                new("A VSS writer or provider failed (vssadmin list writers, vssadmin list providers)."),
                new("A source volume has too little room for its shadow copy.", CheckIds.LowFreeSpace),
            ],
            DecodeTheCode),

        new(Id(547), "Error",
            "…has encountered errors for the volume(s) '{volumes}'. Log of files not successfully backed up '{log}'.",
            "Some files of the volumes named could not be backed up; the log it names lists them.",
            [
                new("A file was locked, denied or damaged: each line of the log names the file and its error."),
            ],
            "Open the log the event names and decode the error on each line."),

        // In the provider manifest (OSSEM), text unverified.
        Untexted(546),
        Untexted(561),
    ];

    private static KnownError Untexted(int id) => new(Id(id), "Error", "",
        "A backup error whose text no public source gives; the event's own message says more.", [],
        $"Read the event: {EventLogQuery.ForEvent(EventSources.Backup, id)}.");
}
