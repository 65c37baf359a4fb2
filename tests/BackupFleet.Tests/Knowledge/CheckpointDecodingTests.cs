using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Knowledge;

namespace BackupFleet.Tests.Knowledge;

/// <summary>
/// KNOWLEDGE.md §3: a VM's failed backup checkpoint (0x80070002, or wbadmin's non-retryable writer error) points at the VM's
/// disk layout first, naming the VM and the disk the layout check found, not the disk Windows names.
/// </summary>
public sealed class CheckpointDecodingTests
{
    private const string WindowsDisk = @"E:\Virtual Machines\APPSRV01\Virtual Hard Drives\my-virtual-server-c-drive.vhdx";
    private const string OffendingDisk = @"D:\my-virtual-server-d-drive.vhdx";

    // The run's own words, as KNOWLEDGE.md §3 quotes them (wbadmin, then the Hyper-V-VMMS Admin log).
    private const string RunText =
        "The component APPSRV01(Online) was skipped during the snapshot and will not be available for recovery. Error: The writer "
        + "experienced a non-transient error. If the backup process is retried, the error is likely to reoccur\n"
        + "'APPSRV01' cannot create the storage required for the checkpoint using disk " + WindowsDisk + ": The system cannot find the "
        + "file specified. (0x80070002). (Virtual machine ID 8F3E2D1C-6B5A-4E9D-A7C8-1B2D3E4F5A77)\n"
        + "Checkpoint operation for 'APPSRV01' failed. (Virtual machine ID 8F3E2D1C-6B5A-4E9D-A7C8-1B2D3E4F5A77)\n"
        + "Could not create backup checkpoint for virtual machine 'APPSRV01': The system cannot find the file specified. (0x80070002). "
        + "(Virtual machine ID 8F3E2D1C-6B5A-4E9D-A7C8-1B2D3E4F5A77)";

    private static readonly Finding AppsrvLayout = new(CheckIds.VmDiskOutsideVmFolder, FindingSeverity.Error, OffendingDisk,
        $"APPSRV01's disk {OffendingDisk} is on D:, not on the VM's configuration volume E:, and not in a folder named APPSRV01.",
        $"Move-VMStorage -VMName 'APPSRV01' -VHDs @(@{{SourceFilePath = '{OffendingDisk}'; DestinationFilePath = 'D:\\APPSRV01\\my-virtual-server-d-drive.vhdx'}})");

    // Another VM whose name starts the same: it must not be taken for APPSRV01.
    private static readonly Finding OtherVmLayout = new(CheckIds.VmDiskOutsideVmFolder, FindingSeverity.Error, @"F:\appsrv010-data.vhdx",
        @"APPSRV010's disk F:\appsrv010-data.vhdx is on F:, not on the VM's configuration volume E:, and not in a folder named APPSRV010.",
        "Move-VMStorage -VMName 'APPSRV010' -VHDs @(…)");

    private static readonly Finding LowSpace = new(CheckIds.LowFreeSpace, FindingSeverity.Warning, "E:",
        "E: (VMs) has 9 % free (180 GB of 2 TB).", "Free space on E:, or move the checkpoints: Set-VM -Name 'APPSRV01' -SnapshotFileLocation 'F:\\Checkpoints'");

    private static readonly Finding AclMissing = new(CheckIds.VhdAclMissing, FindingSeverity.Error, WindowsDisk,
        $"{WindowsDisk} does not grant NT VIRTUAL MACHINE\\Virtual Machines.", $"icacls \"{WindowsDisk}\" /grant \"NT VIRTUAL MACHINE\\Virtual Machines\":F");

    private static DecodedError Decode(string code, IReadOnlyList<Finding>? findings, string text = RunText,
        ErrorOperation operation = ErrorOperation.HyperVCheckpoint) =>
        ErrorDecoder.Decode(new ErrorContext(code, operation, text, findings));

    [Fact]
    public void The_layout_finding_names_the_vm_and_its_offending_disk_although_windows_names_another_disk()
    {
        var decoded = Decode("0x80070002", [OtherVmLayout, LowSpace, AppsrvLayout]);

        Assert.Equal($"'APPSRV01' cannot be backed up: its disk {OffendingDisk} is outside a folder named after the VM", decoded.Title);
        Assert.StartsWith("Windows reports 0x80070002 (The system cannot find the file specified.) for the backup checkpoint of 'APPSRV01' "
            + $"and names the disk {WindowsDisk}. That disk is not necessarily the one at fault", decoded.Explanation);
        Assert.Contains(AppsrvLayout.Message, decoded.Explanation);
        Assert.Equal($"Found by check vm-disk-outside-vm-folder: {AppsrvLayout.Message}", decoded.Causes[0]);
        Assert.StartsWith(AppsrvLayout.Fix + "\nMove such a disk with Hyper-V itself", decoded.Fix);
        Assert.Equal([AppsrvLayout, LowSpace], decoded.Findings);
        Assert.DoesNotContain("APPSRV010", decoded.Fix + decoded.Explanation + string.Concat(decoded.Causes));
    }

    [Fact]
    public void After_the_layout_the_generic_causes_follow_in_the_knowledge_base_s_order_with_what_the_checks_found()
    {
        var decoded = Decode("0x80070002", [AppsrvLayout, LowSpace]);

        Assert.Equal(6, decoded.Causes.Count);
        Assert.StartsWith("Less than about 15 % free space", decoded.Causes[1]);
        Assert.EndsWith($"This host's check low-free-space found: {LowSpace.Message}", decoded.Causes[1]);
        Assert.Contains("Set-VM -Name 'APPSRV01' -SnapshotFileLocation", decoded.Causes[1]);
        Assert.StartsWith("The VM's disk files lack the Virtual Machines group's permission", decoded.Causes[2]);
        Assert.StartsWith("Hyper-V is not fully patched (Windows Server 2012 R2: the KB2920151", decoded.Causes[3]);
        Assert.StartsWith("File system errors", decoded.Causes[4]);
        Assert.StartsWith("Integration services out of date", decoded.Causes[5]);
    }

    [Fact]
    public void A_layout_finding_whose_subject_is_the_vm_names_it_too()
    {
        var byVm = AppsrvLayout with { Subject = "APPSRV01" };

        var decoded = Decode("0x80070002", [byVm]);

        Assert.Equal("'APPSRV01' cannot be backed up: a disk outside a folder named after the VM", decoded.Title);
        Assert.Contains(OffendingDisk, decoded.Explanation);
        Assert.Equal([byVm], decoded.Findings);
    }

    [Fact]
    public void Wbadmin_s_skipped_component_alone_is_enough_to_apply_the_rule_to_the_non_retryable_writer_error()
    {
        var skipped = "The component APPSRV01(Online) was skipped during the snapshot and will not be available for recovery. Error: The "
            + "writer experienced a non-transient error. If the backup process is retried, the error is likely to reoccur";

        var decoded = Decode("0x800423F4", [AppsrvLayout], skipped, ErrorOperation.Backup);

        Assert.Equal($"'APPSRV01' cannot be backed up: its disk {OffendingDisk} is outside a folder named after the VM", decoded.Title);
        Assert.StartsWith("Windows reports 0x800423F4 (The writer experienced a non-transient error.", decoded.Explanation);
    }

    [Fact]
    public void With_the_layout_checked_and_right_the_generic_causes_come_in_order_and_say_the_layout_was_checked()
    {
        var decoded = Decode("0x80070002", [OtherVmLayout, AclMissing]);

        Assert.Equal("The backup checkpoint of APPSRV01 failed: The system cannot find the file specified.", decoded.Title);
        Assert.Contains("The disk layout of 'APPSRV01' was checked (vm-disk-outside-vm-folder): no disk is outside a folder named after its VM, "
            + "so the layout is not the cause.", decoded.Explanation);
        Assert.Equal(5, decoded.Causes.Count);
        Assert.StartsWith("Less than about 15 % free space", decoded.Causes[0]);
        Assert.EndsWith($"This host's check vhd-acl-missing found: {AclMissing.Message}", decoded.Causes[1]);
        Assert.StartsWith($"First fix what this host's checks found:\n{AclMissing.Fix}\nThen, if it still fails: Work through the causes in order. "
            + "A manual checkpoint shows whether VSS on the host works at all: Checkpoint-VM -Name 'APPSRV01'", decoded.Fix);
        Assert.Equal([AclMissing], decoded.Findings);
    }

    [Fact]
    public void Without_the_host_s_findings_the_layout_is_the_first_thing_to_check_by_hand_and_nothing_is_said_to_be_checked()
    {
        var decoded = Decode("0x80070002", findings: null);

        Assert.Contains("could not be checked here", decoded.Explanation);
        Assert.DoesNotContain("was checked", decoded.Explanation);
        Assert.Equal(6, decoded.Causes.Count);
        Assert.EndsWith("Check: Get-VMHardDiskDrive -VMName 'APPSRV01' | Select-Object Path.", decoded.Causes[0]);
        Assert.StartsWith("Less than about 15 % free space", decoded.Causes[1]);
    }

    [Fact]
    public void Hyper_v_s_typographic_quotes_and_a_vm_name_with_an_apostrophe_are_read()
    {
        var text = "\u2018O'Brien VM\u2019 cannot create the storage required for the checkpoint using disk E:\\VMs\\OB\\c.vhdx: The system "
            + "cannot find the file specified. (0x80070002).";
        var layout = new Finding(CheckIds.VmDiskOutsideVmFolder, FindingSeverity.Error, @"D:\ob-d.vhdx",
            @"O'Brien VM's disk D:\ob-d.vhdx is not in a folder named O'Brien VM.", "Move-VMStorage -VMName 'O''Brien VM' -VHDs @(…)");

        var decoded = Decode("0x80070002", [layout], text);

        Assert.Equal(@"'O'Brien VM' cannot be backed up: its disk D:\ob-d.vhdx is outside a folder named after the VM", decoded.Title);
    }

    [Fact]
    public void The_same_code_outside_a_checkpoint_is_the_catalogue_s_entry()
    {
        var decoded = Decode("0x80070002", [AppsrvLayout], text: "", operation: ErrorOperation.Backup);

        Assert.Equal("The system cannot find the file specified.", decoded.Title);
        Assert.Equal(7, decoded.Causes.Count);
    }
}
