using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Provisioning;

namespace BackupFleet.Tests.Checks;

/// <summary>low-free-space (KNOWLEDGE.md §3, cause 1) and the volume hazards of §4: ReFS, no drive letter, a file system VSS cannot copy.</summary>
public sealed class VolumeRulesTests
{
    [Fact]
    public void A_volume_with_vm_files_and_under_15_percent_free_names_its_vms_and_moves_their_checkpoints_elsewhere()
    {
        var finding = Assert.Single(TestInventories.Findings("hazards.json").Of(CheckIds.LowFreeSpace));

        Assert.Equal((FindingSeverity.Warning, "D:"), (finding.Severity, finding.Subject));
        Assert.StartsWith("D: (Lab) has 8 % free (74.48 GB of 931 GB) and holds files of VMs 'LAB-DC' and 'LAB-ACL'.", finding.Message);
        // E: has the most room; C: (the system volume) and the exFAT F: are never proposed.
        Assert.Equal(
            [
                @"New-Item -ItemType Directory -Force -Path 'E:\LAB-DC' | Out-Null",
                @"Set-VM -Name 'LAB-DC' -SnapshotFileLocation 'E:\LAB-DC'",
                @"New-Item -ItemType Directory -Force -Path 'E:\LAB-ACL' | Out-Null",
                @"Set-VM -Name 'LAB-ACL' -SnapshotFileLocation 'E:\LAB-ACL'",
            ],
            finding.Commands());
    }

    [Fact]
    public void Only_the_vms_whose_checkpoints_are_on_the_full_volume_are_moved_and_their_names_stay_literals()
    {
        var finding = Assert.Single(TestInventories.Findings("hostile-names.json").Of(CheckIds.LowFreeSpace));

        Assert.Contains("VMs 'O'Brien's SQL', 'Büro \u2018Nord\u2019 01' and '日本語 テスト $(whoami)'", finding.Message);
        Assert.Equal(
            [
                @"New-Item -ItemType Directory -Force -Path 'E:\O''Brien''s SQL' | Out-Null",
                @"Set-VM -Name 'O''Brien''s SQL' -SnapshotFileLocation 'E:\O''Brien''s SQL'",
                "New-Item -ItemType Directory -Force -Path 'E:\\Büro \u2018\u2018Nord\u2019\u2019 01' | Out-Null",
                "Set-VM -Name 'Büro \u2018\u2018Nord\u2019\u2019 01' -SnapshotFileLocation 'E:\\Büro \u2018\u2018Nord\u2019\u2019 01'",
                @"New-Item -ItemType Directory -Force -Path 'E:\日本語 テスト $(whoami)' | Out-Null",
                @"Set-VM -Name '日本語 テスト $(whoami)' -SnapshotFileLocation 'E:\日本語 テスト $(whoami)'",
            ],
            finding.Commands());
    }

    [Fact]
    public void With_no_other_volume_to_take_the_checkpoints_the_fix_says_how_much_to_free()
    {
        var inventory = TestInventories.Load("clean-host.json");
        inventory = inventory with
        {
            Volumes = inventory.Volumes.Select(v => v.DriveLetter == 'D' ? v with { Size = 1000 * TargetSize.GiB, SizeRemaining = 100 * TargetSize.GiB } : v).ToList(),
        };

        var finding = Assert.Single(HostChecks.Run(inventory));

        Assert.Equal((CheckIds.LowFreeSpace, "D:"), (finding.Check, finding.Subject));
        Assert.Contains("VMs 'DC02', 'SQL02', 'APP02' and 'LAB02'", finding.Message);
        Assert.Equal("# Free at least 50 GB on D:.", finding.Fix);
    }

    [Fact]
    public void A_full_volume_without_vm_files_is_no_finding()
    {
        var inventory = TestInventories.Load("no-hyper-v.json");
        Assert.Contains(inventory.Volumes, v => v.DriveLetter == 'C' && v.SizeRemaining < v.Size / 10);

        Assert.Empty(HostChecks.Run(inventory));
    }

    [Fact]
    public void A_refs_volume_with_vm_files_is_noted_as_info()
    {
        var finding = Assert.Single(TestInventories.Findings("hazards.json").Of(CheckIds.VmVolumeRefs));

        Assert.Equal((FindingSeverity.Info, "R:"), (finding.Severity, finding.Subject));
        Assert.Contains("R: (Pool) is ReFS and holds files of VMs 'LAB-CLU1' and 'LAB-CLU2'.", finding.Message);
        Assert.Contains("incrementally", finding.Message);
    }

    [Fact]
    public void Vm_files_on_a_volume_without_a_drive_letter_get_a_letter_assigned()
    {
        var finding = Assert.Single(TestInventories.Findings("hazards.json").Of(CheckIds.VmVolumeNoDriveLetter));

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(@"\\?\Volume{3f2a9c4e-51b7-4d0a-9e6c-2b8f7a1d0c35}", finding.Subject);
        Assert.StartsWith(@"Files of VM 'LAB-RAW' are on a volume without a drive letter (\\?\Volume{3f2a9c4e-51b7-4d0a-9e6c-2b8f7a1d0c35}\LAB-RAW).", finding.Message);
        Assert.Equal([@"Get-Volume -Path '\\?\Volume{3f2a9c4e-51b7-4d0a-9e6c-2b8f7a1d0c35}\' | Get-Partition | Add-PartitionAccessPath -AssignDriveLetter"], finding.Commands());
    }

    [Fact]
    public void Vm_files_on_exfat_are_moved_to_an_ntfs_volume()
    {
        var finding = Assert.Single(TestInventories.Findings("hazards.json").Of(CheckIds.VmVolumeFileSystem));

        Assert.Equal((FindingSeverity.Warning, "F:"), (finding.Severity, finding.Subject));
        Assert.StartsWith("F: (USB) is exFAT and holds files of VM 'LAB-USB'.", finding.Message);
        Assert.Equal([@"Move-VMStorage -VMName 'LAB-USB' -DestinationStoragePath 'E:\LAB-USB'"], finding.Commands());
    }

    [Theory]
    [InlineData("two-volume-host.json")]
    [InlineData("clean-host.json")]
    public void Ntfs_volumes_with_room_and_letters_are_no_finding(string file)
    {
        var findings = TestInventories.Findings(file);

        Assert.DoesNotContain(findings, f => f.Check is CheckIds.LowFreeSpace or CheckIds.VmVolumeRefs or CheckIds.VmVolumeNoDriveLetter or CheckIds.VmVolumeFileSystem);
    }
}
