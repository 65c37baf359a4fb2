using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge.Catalogue;

/// <summary>
/// Volume Shadow Copy Service errors (0x8004230x–0x800423Fx, FACILITY_ITF). Values: vsserror.h (winapi-rs vsserror.rs);
/// the writer errors' meanings: MS Learn, CVssWriterEx2::SetWriterFailureEx. A writer's last error also shows in
/// <c>vssadmin list writers</c> as "Last error: …", named below.
/// </summary>
internal static class VssErrors
{
    private const string ListWriters = "vssadmin list writers shows which writer failed and its state.";

    // The writer that fails in a Hyper-V backup is the Hyper-V VSS writer, run by the vmms service; restarting vmms leaves running VMs alone.
    private const string RestartWriter =
        "Restart the service that runs the failed writer (the Microsoft Hyper-V VSS Writer: Restart-Service vmms; the System Writer: "
        + "Restart-Service CryptSvc), then run the backup again.";

    public static readonly IReadOnlyList<KnownError> All =
    [
        new("0x80042302", "VSS_E_UNEXPECTED", "A Volume Shadow Copy Service component encountered an unexpected error.",
            "The shadow copy service itself failed; the Application log's VSS events say where.",
            [
                new("The VSS service or one of its writers is in a bad state after an earlier failure."),
                new("A volume in the backup cannot be shadow-copied (removable disk, a volume that went away)."),
            ],
            $"{ListWriters} Read the errors around it: {EventLogQuery.Errors(EventSources.Vss)}. {RestartWriter}"),

        new("0x80042306", "VSS_E_PROVIDER_VETO", "The shadow copy provider had an error. Check the System and Application event logs for more information.",
            "The software or hardware provider that makes the shadow copy refused or failed.",
            [
                new("A third-party VSS provider (a SAN's hardware provider, another backup product) fails."),
                new("The volume's shadow storage is too small or on a failing disk.", CheckIds.LowFreeSpace),
            ],
            "vssadmin list providers shows the providers; the Application log holds the provider's own error at the same time. "
            + "vssadmin list shadowstorage shows each volume's shadow storage."),

        new("0x80042308", "VSS_E_OBJECT_NOT_FOUND", "The specified object was not found.",
            "VSS was asked about a volume or shadow copy that does not exist (any more).",
            [
                new("A volume of the backup set was removed or its letter changed (Microsoft-Windows-Backup event 146)."),
                new("The shadow copy was deleted during the backup because its shadow storage filled up.", CheckIds.LowFreeSpace),
            ],
            "Compare the policy's volumes with Get-Volume; vssadmin list shadowstorage for the space the shadow copies have."),

        new("0x8004230C", "VSS_E_VOLUME_NOT_SUPPORTED", "Shadow copying the specified volume is not supported.",
            "The volume cannot be shadow-copied, so it cannot be backed up online.",
            [
                // KNOWLEDGE.md §4.
                new("The volume is not NTFS or ReFS (FAT32), or it has no drive letter or mount point, e.g. VM files kept on such a volume."),
                new("A removable or network volume was included."),
            ],
            "Get-Volume | Select-Object DriveLetter, FileSystem, DriveType; keep VM files and backed-up data on NTFS or ReFS volumes with a letter."),

        new("0x8004230F", "VSS_E_UNEXPECTED_PROVIDER_ERROR", "The shadow copy provider had an unexpected error while trying to process the specified operation.",
            "The provider that makes the shadow copy failed in an unexpected way.",
            [
                new("A third-party VSS provider fails."),
                new("The Microsoft software provider's shadow storage is damaged or on a failing disk."),
            ],
            "vssadmin list providers; the Application log holds the provider's error (VSS event 12293 names it)."),

        new("0x80042313", "VSS_E_FLUSH_WRITES_TIMEOUT", "The system was unable to flush I/O writes. This can be a transient problem. It is recommended to wait ten minutes and try again, up to three times.",
            "The volume could not be brought to a consistent point in time quickly enough.",
            [
                new("Heavy disk activity at backup time (other jobs, antivirus scans, defragmentation)."),
                new("Slow storage under the volume."),
            ],
            "Wait ten minutes and retry, up to three times; move other heavy jobs away from the backup window."),

        new("0x80042314", "VSS_E_HOLD_WRITES_TIMEOUT", "The system was unable to hold I/O writes. This can be a transient problem. It is recommended to wait ten minutes and try again, up to three times.",
            "Writes to the volume could not be paused for the moment the shadow copy takes.",
            [
                new("Heavy disk activity at backup time."),
                new("Too many volumes in one shadow copy set for the storage to pause them together."),
            ],
            "Wait ten minutes and retry, up to three times; move other heavy jobs away from the backup window."),

        new("0x80042316", "VSS_E_SNAPSHOT_SET_IN_PROGRESS", "Another shadow copy creation is already in progress. Wait a few moments and try again.",
            "Only one shadow copy set is made at a time, and another one was being made.",
            [
                new("Another backup (Windows Server Backup's own schedule, another product, a Hyper-V checkpoint) ran at the same time."),
            ],
            "Find the other job and move it; then run the backup again."),

        new("0x80042317", "VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED", "The specified volume has already reached its maximum number of shadow copies.",
            "A volume holds at most 64 shadow copies, and this one has them all.",
            [
                new("Old shadow copies (previous versions, leftovers of other backup products) were never deleted."),
            ],
            "vssadmin list shadows /for=<volume> shows them; vssadmin delete shadows /for=<volume> /oldest removes the oldest."),

        new("0x80042319", "VSS_E_WRITER_NOT_RESPONDING", "A writer did not respond to a GatherWriterStatus call. The writer may either have terminated or it may be stuck. Check the system and application event logs for more information.",
            "A VSS writer (an application's part in the backup) stopped answering.",
            [
                new("The service that runs the writer hung or stopped."),
            ],
            $"{ListWriters} {RestartWriter}"),

        new("0x8004231F", "VSS_E_INSUFFICIENT_STORAGE", "There is not enough disk storage to create a shadow copy.",
            "The volume being backed up has no room for its shadow copy's changes.",
            [
                new("The source volume is nearly full.", CheckIds.LowFreeSpace),
                new("The shadow storage of the volume is limited too tightly."),
            ],
            "Free space on the volume, or give its shadow storage more room or put it on another volume: vssadmin list shadowstorage; "
            + "vssadmin add shadowstorage /for=<volume> /on=<other volume> /maxsize=<size> (or vssadmin resize shadowstorage)."),

        // F0–F2: Windows' text is MS Learn's description of the value; the system message may be worded otherwise.
        new("0x800423F0", "VSS_E_WRITERERROR_INCONSISTENTSNAPSHOT", "The shadow copy contains only a subset of the volumes needed by the writer to correctly back up the application component.",
            "An application keeps data on a volume the backup left out. vssadmin list writers: \"Last error: Inconsistent shadow copy\".",
            [
                new("The policy backs up some volumes but not all that hold a VM's or an application's files."),
            ],
            "Include every volume that holds the application's or VM's files (or back up all critical volumes)."),

        new("0x800423F1", "VSS_E_WRITERERROR_OUTOFRESOURCES", "The writer ran out of memory or other system resources.",
            "The writer failed for lack of memory or another resource. vssadmin list writers: \"Last error: Out of resources\".",
            [
                new("Memory pressure on the host at backup time."),
            ],
            "Wait ten minutes and retry, up to three times; " + RestartWriter),

        new("0x800423F2", "VSS_E_WRITERERROR_TIMEOUT", "The writer operation failed because of a time-out between the Freeze and Thaw events.",
            "An application could not keep its writes paused for as long as the shadow copy took. vssadmin list writers: \"Last error: Timed out\".",
            [
                new("The shadow copy took too long: heavy disk activity or slow storage at backup time."),
            ],
            "Wait ten minutes and retry, up to three times; move other heavy jobs away from the backup window."),

        new("0x800423F3", "VSS_E_WRITERERROR_RETRYABLE", "The writer experienced a transient error. If the backup process is retried, the error may not reoccur.",
            "A writer failed for a reason that may be gone next time. vssadmin list writers: \"Last error: Retryable error\".",
            [
                new("A passing condition in the application (busy, being updated)."),
            ],
            "Wait ten minutes and retry, up to three times. " + ListWriters),

        new("0x800423F4", "VSS_E_WRITERERROR_NONRETRYABLE", "The writer experienced a non-transient error. If the backup process is retried, the error is likely to reoccur.",
            "A writer failed for a reason that will stay until it is fixed. vssadmin list writers: \"Last error: Non-retryable error\". "
            + "For a VM \"skipped during the snapshot\" the Hyper-V-VMMS Admin log has the checkpoint's real error.",
            [
                // KNOWLEDGE.md §3: wbadmin reports a VM's failed checkpoint as this writer error.
                CheckpointCauses.Layout,
                .. CheckpointCauses.Generic,
                new("Not a VM: the failed writer's application logged why in the Application log; vssadmin list writers names the writer."),
            ],
            $"Read the writer's real error; for a VM, in the Hyper-V-VMMS Admin log: {EventLogQuery.Errors(EventSources.HyperVVmms)}. {ListWriters}"),

        // No public source for its system message was found.
        new("0x800423F5", "VSS_E_WRITERERROR_RECOVERY_FAILED", "",
            "An application's writer could not complete its part of a restore.",
            [
                new("The application's service was running, or its files were in use, while they were restored."),
            ],
            "Read the application's own events of that moment; stop the application before restoring its files, then restore again."),

        // KB 3175561: a failed backup left AutoRecovery.avhdx behind; the checkpoint then also fails with 0x80070050.
        new("0x800423FB", "VSS_E_AUTORECOVERY_FAILED", "The autorecovery operation failed to complete on the shadow copy.",
            "The step that makes a VM's shadow copy consistent after it is taken failed.",
            [
                new("An earlier backup failed and left the VM's AutoRecovery.avhdx behind (Windows Server 2012 R2, Microsoft KB 3175561)."),
            ],
            "Rename the AutoRecovery.avhdx left in the folder of the VM's disks, then run the backup again (KB 3175561)."),
    ];
}
