using BackupFleet.Shared.Checks;

namespace BackupFleet.Tests.Checks;

/// <summary>vhd-acl-missing (KNOWLEDGE.md §3, cause 2) and the disk hazards of §4: pass-through disks, leftover checkpoints, VHD Sets.</summary>
public sealed class VmDiskRulesTests
{
    [Fact]
    public void A_disk_whose_acl_lacks_the_virtual_machines_group_and_the_vms_own_account_is_an_error()
    {
        // LAB-ACL's disk grants LAB-DC's account, which is no use to LAB-ACL; its other disk's ACL could not be read.
        var finding = Assert.Single(TestInventories.Findings("hazards.json").Of(CheckIds.VhdAclMissing));

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(@"D:\Hyper-V\LAB-ACL\Virtual Hard Disks\LAB-ACL.vhdx", finding.Subject);
        Assert.Equal([@"icacls 'D:\Hyper-V\LAB-ACL\Virtual Hard Disks\LAB-ACL.vhdx' /grant 'NT VIRTUAL MACHINE\Virtual Machines:F'"], finding.Commands());
    }

    [Fact]
    public void Typographic_quotes_in_the_path_are_doubled_in_the_icacls_command()
    {
        var finding = Assert.Single(TestInventories.Findings("hostile-names.json").Of(CheckIds.VhdAclMissing));

        Assert.Equal("D:\\Hyper-V\\Büro \u2018Nord\u2019 01\\disk \u2018c\u2019.vhdx", finding.Subject);
        Assert.Equal(["icacls 'D:\\Hyper-V\\Büro \u2018\u2018Nord\u2019\u2019 01\\disk \u2018\u2018c\u2019\u2019.vhdx' /grant 'NT VIRTUAL MACHINE\\Virtual Machines:F'"], finding.Commands());
    }

    [Theory]
    [InlineData("two-volume-host.json")] // SQL01's D: disk grants only NT VIRTUAL MACHINE\<its id>
    [InlineData("clean-host.json")]      // the VM's own account by name and by SID, and an unreadable ACL
    public void The_vms_own_account_or_an_unreadable_acl_is_no_finding(string file)
    {
        Assert.Empty(TestInventories.Findings(file).Of(CheckIds.VhdAclMissing));
    }

    [Fact]
    public void A_pass_through_disk_is_a_warning_on_its_vm_with_the_commands_that_turn_it_into_a_vhdx()
    {
        var finding = Assert.Single(TestInventories.Findings("hazards.json").Of(CheckIds.VmPassThroughDisk));

        Assert.Equal((FindingSeverity.Warning, "LAB-SQL"), (finding.Severity, finding.Subject));
        Assert.Contains("physical disk 3 (SCSI 0:1)", finding.Message);
        Assert.Equal(
            [
                @"New-VHD -Path 'E:\Hyper-V\LAB-SQL\LAB-SQL-disk3.vhdx' -SourceDisk 3 -Dynamic",
                "Remove-VMHardDiskDrive -VMName 'LAB-SQL' -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 1",
                @"Add-VMHardDiskDrive -VMName 'LAB-SQL' -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 1 -Path 'E:\Hyper-V\LAB-SQL\LAB-SQL-disk3.vhdx'",
            ],
            finding.Commands());
    }

    [Fact]
    public void A_vm_name_that_looks_like_powershell_stays_plain_text_in_the_pass_through_fix()
    {
        var finding = Assert.Single(TestInventories.Findings("hostile-names.json").Of(CheckIds.VmPassThroughDisk));

        Assert.Equal("日本語 テスト $(whoami)", finding.Subject);
        Assert.Equal("Remove-VMHardDiskDrive -VMName '日本語 テスト $(whoami)' -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 1", finding.Commands()[1]);
    }

    [Fact]
    public void A_vm_running_on_an_avhdx_has_a_leftover_checkpoint_to_merge()
    {
        var finding = Assert.Single(TestInventories.Findings("hazards.json").Of(CheckIds.VmLeftoverCheckpoint));

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(@"D:\Hyper-V\LAB-DC\Virtual Hard Disks\LAB-DC_6C1D2E7A-0B3F-4A59-8C1E-7D2F3A4B5C6D.avhdx", finding.Subject);
        Assert.Contains(@"(parent D:\Hyper-V\LAB-DC\Virtual Hard Disks\LAB-DC.vhdx)", finding.Message);
        Assert.Equal(["Get-VMSnapshot -VMName 'LAB-DC' | Remove-VMSnapshot -Confirm"], finding.Commands());
    }

    [Fact]
    public void A_differencing_vhdx_made_on_purpose_is_no_leftover_checkpoint()
    {
        var inventory = TestInventories.Load("clean-host.json");
        Assert.Contains(inventory.Vhds, v => v.ParentPath is not null); // LAB02 runs on a differencing disk of a template

        Assert.Empty(HostChecks.Run(inventory).Of(CheckIds.VmLeftoverCheckpoint));
    }

    [Fact]
    public void Each_vm_of_a_guest_cluster_on_a_vhd_set_gets_a_warning()
    {
        var findings = TestInventories.Findings("hazards.json").Of(CheckIds.VmVhdSet);

        Assert.Equal(["LAB-CLU1", "LAB-CLU2"], findings.Select(f => f.Subject));
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
        Assert.Contains(@"R:\Shared\cluster-data.vhds", findings[0].Message);
        Assert.Contains("32768, 32770 or 32775", findings[0].Message);
    }

    [Fact]
    public void A_disk_shared_by_two_vms_is_one_finding()
    {
        var inventory = TestInventories.Load("hazards.json");
        var shared = inventory.VmHardDiskDrives.Single(d => d.VMName == "LAB-CLU1" && d.Path.EndsWith(".vhds", StringComparison.Ordinal));
        inventory = inventory with { Vhds = inventory.Vhds.Select(v => v.Path == shared.Path ? v with { Access = ["BUILTIN\\Administrators"] } : v).ToList() };

        Assert.Single(HostChecks.Run(inventory), f => f.Check == CheckIds.VhdAclMissing && f.Subject == shared.Path);
    }
}
