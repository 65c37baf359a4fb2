using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Knowledge;

namespace BackupFleet.Tests.Knowledge;

/// <summary>KNOWLEDGE.md §1: "Incorrect function (0x80070001)" in a restore from a share points at the path length, with the short path and the copy.</summary>
public sealed class RestorePathDecodingTests
{
    private static DecodedError Decode(string? target, string? computer = "HV01", ErrorOperation operation = ErrorOperation.RestoreFromShare,
        IReadOnlyList<Finding>? findings = null, string? drive = "B:") =>
        ErrorDecoder.Decode(new ErrorContext("0x80070001", operation, "", findings, target, drive, computer));

    [Fact]
    public void A_vhdx_target_gets_the_short_path_and_the_exact_commands_that_copy_the_set_there()
    {
        var decoded = Decode(@"\\nas01\backups\Servers\2012 R2\HV01.vhdx");

        Assert.Equal(@"The path to the backup set is too long: restore from \\nas01\backups", decoded.Title);
        Assert.Contains(@"Copy the set to \\nas01\backups\WindowsImageBackup\HV01 (39 characters)", decoded.Explanation);
        var lines = decoded.Fix.Split('\n');
        Assert.Equal(@"   Mount-VHD -Path '\\nas01\backups\Servers\2012 R2\HV01.vhdx'", lines[1]);
        Assert.Equal(@"   robocopy 'B:\WindowsImageBackup\HV01' '\\nas01\backups\WindowsImageBackup\HV01' /E /R:2 /W:5", lines[3]);
        Assert.Equal(@"   Dismount-VHD -Path '\\nas01\backups\Servers\2012 R2\HV01.vhdx'", lines[5]);
        Assert.Contains(@"Type the network folder \\nas01\backups (the wizard then reads \\nas01\backups\WindowsImageBackup\HV01, 39 characters)", decoded.Fix);
    }

    [Fact]
    public void A_share_folder_target_over_the_limit_is_copied_to_the_root_of_the_share_without_mounting_anything()
    {
        const string target = @"\\nas01\BackupFiles\Servers\2012 R2 Datacenter Hosts\Nightly full backups of the Hyper-V hosts of building A";
        var findings = new List<Finding>
        {
            new(CheckIds.RestorePathTooLong, FindingSeverity.Error, target, "The restore path is 142 characters, over 110.", "Shorten it."),
        };

        var decoded = Decode(target, "HYPERV-NODE-01", findings: findings);

        Assert.Contains($@"{target}\WindowsImageBackup\HYPERV-NODE-01 is 142 characters.", decoded.Explanation);
        Assert.Equal($@"   robocopy '{target}\WindowsImageBackup\HYPERV-NODE-01' '\\nas01\BackupFiles\WindowsImageBackup\HYPERV-NODE-01' /E /R:2 /W:5",
            decoded.Fix.Split('\n')[1]);
        Assert.DoesNotContain("Mount-VHD", decoded.Fix);
        Assert.EndsWith("This host's check restore-path-too-long found: The restore path is 142 characters, over 110.", decoded.Causes[0]);
        Assert.Equal(findings, decoded.Findings);
    }

    [Fact]
    public void A_share_folder_target_within_the_limit_is_not_blamed_on_the_length()
    {
        var decoded = Decode(@"\\nas01\backups\HV01");

        Assert.StartsWith(@"The recovery environment reads \\nas01\backups\HV01\WindowsImageBackup\HV01, 44 characters: within 110, so the path "
            + "length is not the cause here.", decoded.Explanation);
        Assert.Equal(2, decoded.Causes.Count);
        Assert.StartsWith("The backup set on the share is damaged", decoded.Causes[0]);
    }

    [Fact]
    public void When_even_the_root_of_the_share_is_too_long_it_says_how_short_a_share_name_must_be()
    {
        // 2 + 67 + 1 + 28 + 20 + 14 = 132 characters at the root of the share: 6 are left for a share name.
        var decoded = Decode(@"\\backup-nas-primary-datacenter-west-rack-17.storage.corp.example.com\BackupFilesForAllHyperVHosts\HV.vhdx", "HYPERV-NODE-01");

        Assert.Equal("The path to the backup set is too long, even at the root of the share", decoded.Title);
        Assert.Contains("is 132 characters", decoded.Fix);
        Assert.Contains("Make a share on backup-nas-primary-datacenter-west-rack-17.storage.corp.example.com whose name has at most 6 characters", decoded.Fix);
    }

    [Fact]
    public void Without_the_target_it_still_points_at_the_length_first()
    {
        var decoded = Decode(target: null, computer: null, operation: ErrorOperation.Restore);

        Assert.Equal("The path to the backup set is probably longer than 110 characters", decoded.Title);
        Assert.StartsWith("Restoring from a share: the path to the backup set", decoded.Causes[0]);
    }

    [Fact]
    public void The_same_code_in_a_backup_is_the_catalogue_s_entry() =>
        Assert.Equal("Incorrect function.", Decode(@"\\nas01\backups\HV01.vhdx", operation: ErrorOperation.Backup).Title);
}
