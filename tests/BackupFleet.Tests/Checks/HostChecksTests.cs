using System.Text.Json;
using BackupFleet.Shared.Checks;

namespace BackupFleet.Tests.Checks;

/// <summary>All host rules over whole inventories: exactly the problems in each, worst first, and the JSON shape of a finding.</summary>
public sealed class HostChecksTests
{
    private static IEnumerable<(string, FindingSeverity, string)> Summary(string file) =>
        TestInventories.Findings(file).Select(f => (f.Check, f.Severity, f.Subject));

    [Fact]
    public void The_two_volume_host_has_one_error_for_the_disk_at_the_volume_root_and_notes_its_split_vms()
    {
        Assert.Equal(
            [
                (CheckIds.VmDiskOutsideVmFolder, FindingSeverity.Error, @"D:\my-virtual-server-d-drive.vhdx"),
                (CheckIds.VmStorageSplit, FindingSeverity.Info, "FS01"),
                (CheckIds.VmStorageSplit, FindingSeverity.Info, "SQL01"),
            ],
            Summary("two-volume-host.json"));
    }

    [Theory]
    [InlineData("clean-host.json")]
    [InlineData("no-hyper-v.json")]
    public void A_correct_host_has_no_finding_at_all(string file)
    {
        Assert.Empty(TestInventories.Findings(file));
    }

    [Fact]
    public void The_hazards_host_has_each_of_its_problems_once_errors_first_then_by_rule_and_subject()
    {
        Assert.Equal(
            [
                (CheckIds.TargetNotVhdx, FindingSeverity.Error, @"\\nas02\lab\HV-LAB03.vhd"),
                (CheckIds.VhdAclMissing, FindingSeverity.Error, @"D:\Hyper-V\LAB-ACL\Virtual Hard Disks\LAB-ACL.vhdx"),
                (CheckIds.LowFreeSpace, FindingSeverity.Warning, "D:"),
                (CheckIds.TargetAllocationUnit, FindingSeverity.Warning, @"\\nas02\lab\HV-LAB03.vhd"),
                (CheckIds.VmBackupIntegrationDisabled, FindingSeverity.Warning, "LAB-WEB"),
                (CheckIds.VmLeftoverCheckpoint, FindingSeverity.Warning, @"D:\Hyper-V\LAB-DC\Virtual Hard Disks\LAB-DC_6C1D2E7A-0B3F-4A59-8C1E-7D2F3A4B5C6D.avhdx"),
                (CheckIds.VmPassThroughDisk, FindingSeverity.Warning, "LAB-SQL"),
                (CheckIds.VmVhdSet, FindingSeverity.Warning, "LAB-CLU1"),
                (CheckIds.VmVhdSet, FindingSeverity.Warning, "LAB-CLU2"),
                (CheckIds.VmVolumeFileSystem, FindingSeverity.Warning, "F:"),
                (CheckIds.VmVolumeNoDriveLetter, FindingSeverity.Warning, @"\\?\Volume{3f2a9c4e-51b7-4d0a-9e6c-2b8f7a1d0c35}"),
                (CheckIds.VmVolumeRefs, FindingSeverity.Info, "R:"),
            ],
            Summary("hazards.json"));
    }

    [Fact]
    public void The_hostile_names_host_has_exactly_its_problems()
    {
        Assert.Equal(
            [
                (CheckIds.VhdAclMissing, FindingSeverity.Error, "D:\\Hyper-V\\Büro \u2018Nord\u2019 01\\disk \u2018c\u2019.vhdx"),
                (CheckIds.VmDiskOutsideVmFolder, FindingSeverity.Error, @"D:\O'Brien data.vhdx"),
                (CheckIds.LowFreeSpace, FindingSeverity.Warning, "D:"),
                (CheckIds.TargetDirectSmb, FindingSeverity.Warning, @"\\nas01\it's backups"),
                (CheckIds.VmBackupIntegrationDisabled, FindingSeverity.Warning, "Büro \u2018Nord\u2019 01"),
                (CheckIds.VmPassThroughDisk, FindingSeverity.Warning, "日本語 テスト $(whoami)"),
            ],
            Summary("hostile-names.json"));
    }

    [Fact]
    public void A_finding_is_written_in_json_with_lower_case_severity_and_read_back()
    {
        var finding = new Finding(CheckIds.LowFreeSpace, FindingSeverity.Warning, "D:", "m", "f");

        var json = JsonSerializer.Serialize(finding, JsonSerializerOptions.Web);

        Assert.Equal("""{"check":"low-free-space","severity":"warning","subject":"D:","message":"m","fix":"f"}""", json);
        Assert.Equal(["error", "warning", "info"], new[] { FindingSeverity.Error, FindingSeverity.Warning, FindingSeverity.Info }.Select(s => JsonSerializer.Serialize(s).Trim('"')));
        Assert.Equal(finding, JsonSerializer.Deserialize<Finding>(json, JsonSerializerOptions.Web));
    }
}
