using BackupFleet.Shared.Checks;

namespace BackupFleet.Tests.Checks;

/// <summary>vm-disk-outside-vm-folder and vm-storage-split (KNOWLEDGE.md §3) on the two-volume host with a dozen VMs.</summary>
public sealed class VmLayoutRulesTests
{
    private const string TwoVolumeHost = "two-volume-host.json";

    [Fact]
    public void A_disk_at_a_volume_root_is_an_error_that_names_it_its_volume_and_the_disk_the_event_log_blames()
    {
        var finding = Assert.Single(TestInventories.Findings(TwoVolumeHost).Of(CheckIds.VmDiskOutsideVmFolder));

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(@"D:\my-virtual-server-d-drive.vhdx", finding.Subject);
        Assert.Contains("VM 'APPSRV01' has its disk D:\\my-virtual-server-d-drive.vhdx, which sits at the root of volume D:.", finding.Message);
        Assert.Contains("0x80070002", finding.Message);
        Assert.Contains(@"The event log names the VM's first disk, E:\Virtual Machines\APPSRV01\Virtual Hard Drives\my-virtual-server-c-drive.vhdx, not this one.", finding.Message);
        Assert.Equal(
            [@"Move-VMStorage -VMName 'APPSRV01' -VHDs @(@{SourceFilePath='D:\my-virtual-server-d-drive.vhdx'; DestinationFilePath='D:\APPSRV01\my-virtual-server-d-drive.vhdx'})"],
            finding.Commands());
    }

    [Fact]
    public void A_disk_on_another_volume_outside_a_folder_named_after_the_vm_is_an_error_and_replaces_the_split_note()
    {
        var inventory = TestInventories.Load(TwoVolumeHost).WithDiskMoved(@"D:\SQL01\SQL01-tempdb.vhdx", @"D:\Data\SQL01-tempdb.vhdx");

        var findings = HostChecks.Run(inventory);

        var finding = Assert.Single(findings, f => f.Subject == @"D:\Data\SQL01-tempdb.vhdx");
        Assert.Equal((CheckIds.VmDiskOutsideVmFolder, FindingSeverity.Error), (finding.Check, finding.Severity));
        Assert.Contains(@"is on volume D:, away from the VM's configuration on E: (E:\Virtual Machines\SQL01), and not in a folder named 'SQL01'", finding.Message);
        Assert.Equal(
            [@"Move-VMStorage -VMName 'SQL01' -VHDs @(@{SourceFilePath='D:\Data\SQL01-tempdb.vhdx'; DestinationFilePath='D:\SQL01\SQL01-tempdb.vhdx'})"],
            finding.Commands());
        Assert.DoesNotContain(findings, f => f.Check == CheckIds.VmStorageSplit && f.Subject == "SQL01");
    }

    [Fact]
    public void A_disk_at_the_root_of_the_configurations_own_volume_is_flagged_too()
    {
        var inventory = TestInventories.Load(TwoVolumeHost).WithDiskMoved(@"E:\Virtual Machines\RDS01\Virtual Hard Disks\RDS01.vhdx", @"E:\RDS01.vhdx");

        var finding = Assert.Single(HostChecks.Run(inventory).Of(CheckIds.VmDiskOutsideVmFolder), f => f.Subject == @"E:\RDS01.vhdx");

        Assert.DoesNotContain("event log names", finding.Message); // its only disk is the one the event log names
        Assert.Equal([@"Move-VMStorage -VMName 'RDS01' -VHDs @(@{SourceFilePath='E:\RDS01.vhdx'; DestinationFilePath='E:\RDS01\RDS01.vhdx'})"], finding.Commands());
    }

    [Theory]
    [InlineData("SQL01")]   // the seed's fixed layout: D:\SQL01\… beside E:\Virtual Machines\SQL01\…
    [InlineData("FS01")]    // d:\fs01\…: the folder's name in another case is the same folder
    [InlineData("WEB01")]   // E:\Hyper-V\Virtual Hard Disks\…, a shared disk folder on the VM's own volume
    [InlineData("WEB02")]
    [InlineData("DC01")]
    public void A_correct_layout_is_not_flagged(string vm)
    {
        var inventory = TestInventories.Load(TwoVolumeHost);
        var disks = inventory.VmHardDiskDrives.Where(d => d.VMName == vm).Select(d => d.Path).ToList();

        Assert.DoesNotContain(HostChecks.Run(inventory), f => f.Check == CheckIds.VmDiskOutsideVmFolder && disks.Contains(f.Subject));
    }

    [Fact]
    public void Split_storage_in_folders_named_after_the_vm_is_recorded_as_info_for_each_such_vm_only()
    {
        var findings = TestInventories.Findings(TwoVolumeHost).Of(CheckIds.VmStorageSplit);

        Assert.Equal(["FS01", "SQL01"], findings.Select(f => f.Subject));
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Info, f.Severity));
        Assert.Contains("VM 'SQL01' keeps its configuration on E: (E:\\Virtual Machines\\SQL01) and disks on D:.", findings[1].Message);
        Assert.Empty(findings[1].Commands());
    }

    [Fact]
    public void A_vm_name_with_quotes_stays_one_literal_in_the_fix()
    {
        var finding = Assert.Single(TestInventories.Findings("hostile-names.json").Of(CheckIds.VmDiskOutsideVmFolder));

        Assert.Equal(@"D:\O'Brien data.vhdx", finding.Subject);
        Assert.Equal(
            [@"Move-VMStorage -VMName 'O''Brien''s SQL' -VHDs @(@{SourceFilePath='D:\O''Brien data.vhdx'; DestinationFilePath='D:\O''Brien''s SQL\O''Brien data.vhdx'})"],
            finding.Commands());
    }
}
