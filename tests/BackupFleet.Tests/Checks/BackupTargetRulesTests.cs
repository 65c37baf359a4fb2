using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Provisioning;

namespace BackupFleet.Tests.Checks;

/// <summary>The target rules (KNOWLEDGE.md §1, §2): restore path length, a share as target, and the VHDX's format, type, size and volume.</summary>
public sealed class BackupTargetRulesTests
{
    private const string Agent = "& \"$env:ProgramFiles\\BackupFleet\\Agent\\BackupFleet.Agent.exe\"";

    private static IReadOnlyList<Finding> CleanHostWith(Func<InventoryBackupTarget, InventoryBackupTarget> change) =>
        HostChecks.Run(TestInventories.Load("clean-host.json").WithTarget(change));

    [Fact]
    public void A_restore_path_over_110_characters_is_an_error_with_the_copy_to_the_shares_root()
    {
        var finding = Assert.Single(TestInventories.Findings("direct-share.json").Of(CheckIds.RestorePathTooLong));

        const string target = @"\\fileserver01.corp.example.com\Backup Files\Servers\Windows Server 2012 R2\Hyper-V hosts";
        Assert.Equal((FindingSeverity.Error, target), (finding.Severity, finding.Subject));
        Assert.StartsWith($@"A restore from this target reads {target}\WindowsImageBackup\HV-SMB01 (117 characters).", finding.Message);
        Assert.Equal(
            [$@"robocopy '{target}\WindowsImageBackup\HV-SMB01' '\\fileserver01.corp.example.com\Backup Files\WindowsImageBackup\HV-SMB01' /E"],
            finding.Commands());
    }

    [Theory]
    [InlineData(@"\\nas01\backups\Hyper-V hosts\Site Nord\Building 4\Floor 2\Rack 1", null)]                             // 95 characters
    [InlineData(@"\\nas01\backups\Hyper-V hosts\Site Nord\Building 4\Floor 2\Rack 12", FindingSeverity.Warning)]          // 96
    [InlineData(@"\\nas01\backups\Hyper-V hosts\Site Nord\Building 4\Floor 2\Rack 1\Row 12\Slot 07", FindingSeverity.Warning)] // 110
    [InlineData(@"\\nas01\backups\Hyper-V hosts\Site Nord\Building 4\Floor 2\Rack 1\Row 12\Slot 107", FindingSeverity.Error)]  // 111
    public void A_restore_path_over_95_characters_is_a_warning_and_over_110_an_error(string share, FindingSeverity? expected)
    {
        var findings = CleanHostWith(t => t with { Kind = BackupTargetKind.Share, Path = share }).Of(CheckIds.RestorePathTooLong);

        Assert.Equal(expected, findings.SingleOrDefault()?.Severity);
    }

    [Fact]
    public void A_vhdx_on_a_share_whose_root_is_too_long_already_needs_a_shorter_share()
    {
        var share = @"\\backup-appliance-01.datacenter-north.corp.example.com\Windows Server Backup Targets";
        var finding = Assert.Single(CleanHostWith(t => t with { Path = share + @"\HV-CLEAN01.vhdx" }).Of(CheckIds.RestorePathTooLong));

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains($@"{share}\WindowsImageBackup\HV-CLEAN01 (115 characters)", finding.Message);
        Assert.Empty(finding.Commands());
        Assert.Contains("a share with a shorter server or share name", finding.Fix);
    }

    [Fact]
    public void A_share_as_target_is_a_warning_with_the_command_that_provisions_a_vhdx_there()
    {
        var finding = Assert.Single(TestInventories.Findings("hostile-names.json").Of(CheckIds.TargetDirectSmb));

        Assert.Equal((FindingSeverity.Warning, @"\\nas01\it's backups"), (finding.Severity, finding.Subject));
        Assert.Equal([$@"{Agent} provision-target --vhdx '\\nas01\it''s backups\HV-NAMES01.vhdx' --size 4TB"], finding.Commands());
    }

    [Fact]
    public void A_vhd_target_is_an_error_and_its_dynamic_type_is_not_reported_besides()
    {
        var findings = TestInventories.Findings("hazards.json");

        var finding = Assert.Single(findings.Of(CheckIds.TargetNotVhdx));
        Assert.Equal((FindingSeverity.Error, @"\\nas02\lab\HV-LAB03.vhd"), (finding.Severity, finding.Subject));
        Assert.Equal([$@"{Agent} provision-target --vhdx '\\nas02\lab\HV-LAB03-new.vhdx' --size 1.99TB"], finding.Commands());
        Assert.Empty(findings.Of(CheckIds.TargetVhdxDynamic));
    }

    [Fact]
    public void A_dynamic_target_vhdx_is_a_warning_with_a_fixed_one_of_the_same_size_as_the_fix()
    {
        var finding = Assert.Single(CleanHostWith(t => t with { VhdType = VhdType.Dynamic }));

        Assert.Equal((CheckIds.TargetVhdxDynamic, FindingSeverity.Warning, @"\\nas01\backups\HV-CLEAN01.vhdx"), (finding.Check, finding.Severity, finding.Subject));
        Assert.Contains("560–590 Mbps", finding.Message);
        Assert.Equal([$@"{Agent} provision-target --vhdx '\\nas01\backups\HV-CLEAN01-new.vhdx' --size 5.3TB"], finding.Commands());
    }

    [Fact]
    public void A_target_over_64_tb_is_an_error_and_64_tb_itself_is_fine()
    {
        var finding = Assert.Single(CleanHostWith(t => t with { Size = TargetSize.Max + TargetSize.TiB }));

        Assert.Equal((CheckIds.TargetTooLarge, FindingSeverity.Error), (finding.Check, finding.Severity));
        Assert.Contains("is 65 TB, over the 64 TB", finding.Message);
        Assert.Equal([$@"{Agent} provision-target --vhdx '\\nas01\backups\HV-CLEAN01-new.vhdx' --size 64TB"], finding.Commands());
        Assert.Empty(CleanHostWith(t => t with { Size = TargetSize.Max }));
    }

    [Fact]
    public void A_target_volume_with_4_kb_allocation_units_is_a_warning()
    {
        var finding = Assert.Single(TestInventories.Findings("hazards.json").Of(CheckIds.TargetAllocationUnit));

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("has 4096-byte allocation units", finding.Message);
        Assert.Equal([$@"{Agent} provision-target --vhdx '\\nas02\lab\HV-LAB03-new.vhdx' --size 1.99TB"], finding.Commands());
    }

    [Fact]
    public void An_unknown_allocation_unit_or_a_local_backup_disk_is_no_finding()
    {
        Assert.Empty(CleanHostWith(t => t with { AllocationUnitSize = null, DriveLetter = null, FileSystem = null }));
        Assert.Empty(CleanHostWith(t => t with { Kind = BackupTargetKind.LocalVolume, Path = "B:", VhdFormat = null, VhdType = null, AllocationUnitSize = 4096 }));
        Assert.Empty(CleanHostWith(t => t with { Kind = BackupTargetKind.None, Path = null }));
    }
}
