using BackupFleet.Agent.Platform.Windows.PowerShell;
using BackupFleet.Agent.Provisioning;

namespace BackupFleet.Tests.Agent.Provisioning;

/// <summary>The checks and the step list of provision-target, without any process.</summary>
public sealed class ProvisioningPlannerTests
{
    private const string Path = @"\\nas01\backups\HV01.vhdx";

    private static ProvisioningPlan Plan(string size, string path = Path, string? letter = null, string? label = null) =>
        ProvisioningPlanner.Plan(path, size, letter, label, "HV01");

    private static string Refusal(string size, string path = Path, string? letter = null, string? label = null) =>
        Assert.Throws<ProvisioningException>(() => Plan(size, path, letter, label)).Message;

    [Fact]
    public void Five_point_three_tb_is_made_as_2_tb_then_grown_to_4_tb_then_to_5_point_3_tb()
    {
        var plan = Plan("5.3TB");

        Assert.Equal(5827410788352, plan.SizeBytes); // 5.3 × 2^40 rounded down to a whole MiB
        Assert.Equal(["New-VHD -Fixed 2 TB", "Resize-VHD to 4 TB", "Resize-VHD to 5.3 TB"], plan.Create.Select(s => s.Title));
        Assert.Equal([
            "$path = '\\\\nas01\\backups\\HV01.vhdx'\nNew-VHD -Path $path -Fixed -SizeBytes 2199023255552 | Out-Null",
            "$path = '\\\\nas01\\backups\\HV01.vhdx'\nResize-VHD -Path $path -SizeBytes 4398046511104",
            "$path = '\\\\nas01\\backups\\HV01.vhdx'\nResize-VHD -Path $path -SizeBytes 5827410788352",
        ], plan.Create.Select(s => s.Script));
        Assert.All(plan.Create, s => Assert.Null(s.Timeout)); // allocating terabytes on a NAS takes hours
        Assert.Equal("B:", plan.DriveLetter);
        Assert.Equal("Backup Disk", plan.Label);
        Assert.Empty(plan.Warnings);
    }

    [Theory]
    [InlineData("2TB", new[] { "New-VHD -Fixed 2 TB" })]
    [InlineData("500GB", new[] { "New-VHD -Fixed 500 GB" })]
    [InlineData("4096GB", new[] { "New-VHD -Fixed 2 TB", "Resize-VHD to 4 TB" })]
    [InlineData("4.5tb", new[] { "New-VHD -Fixed 2 TB", "Resize-VHD to 4 TB", "Resize-VHD to 4.5 TB" })]
    [InlineData("64TB", new[] { "New-VHD -Fixed 2 TB", "Resize-VHD to 4 TB", "Resize-VHD to 6 TB", "Resize-VHD to 8 TB", "Resize-VHD to 10 TB",
        "Resize-VHD to 12 TB", "Resize-VHD to 14 TB", "Resize-VHD to 16 TB", "Resize-VHD to 18 TB", "Resize-VHD to 20 TB", "Resize-VHD to 22 TB",
        "Resize-VHD to 24 TB", "Resize-VHD to 26 TB", "Resize-VHD to 28 TB", "Resize-VHD to 30 TB", "Resize-VHD to 32 TB", "Resize-VHD to 34 TB",
        "Resize-VHD to 36 TB", "Resize-VHD to 38 TB", "Resize-VHD to 40 TB", "Resize-VHD to 42 TB", "Resize-VHD to 44 TB", "Resize-VHD to 46 TB",
        "Resize-VHD to 48 TB", "Resize-VHD to 50 TB", "Resize-VHD to 52 TB", "Resize-VHD to 54 TB", "Resize-VHD to 56 TB", "Resize-VHD to 58 TB",
        "Resize-VHD to 60 TB", "Resize-VHD to 62 TB", "Resize-VHD to 64 TB" })]
    public void Sizes_are_binary_units_and_grow_in_2_tb_steps(string size, string[] titles) =>
        Assert.Equal(titles, Plan(size).Create.Select(s => s.Title));

    [Fact]
    public void Mount_format_and_dismount_are_the_knowledge_base_commands_with_letter_and_label_as_given()
    {
        var plan = Plan("2TB", letter: "e", label: "Backup's $x");

        Assert.Equal("$path = '\\\\nas01\\backups\\HV01.vhdx'\nMount-VHD -Path $path -Passthru | Initialize-Disk -PartitionStyle GPT -Passthru | "
            + "New-Partition -UseMaximumSize -DriveLetter E | Out-Null", plan.MountAndPartition.Script);
        Assert.Equal("$label = 'Backup''s $x'\nFormat-Volume -DriveLetter E -FileSystem NTFS -AllocationUnitSize 65536 -NewFileSystemLabel $label "
            + "-Confirm:$false -Force | Out-Null", plan.Format.Script);
        Assert.Equal("$path = '\\\\nas01\\backups\\HV01.vhdx'\nDismount-VHD -Path $path", plan.Dismount.Script);
        Assert.Equal("$path = '\\\\nas01\\backups\\HV01.vhdx'\n[pscustomobject]@{ Exists = [bool](Test-Path -LiteralPath $path) } | "
            + "ConvertTo-Json -Depth 4 -Compress", plan.ExistsCheck.Script);
        Assert.Equal(WindowsPowerShell.DefaultTimeout, plan.MountAndPartition.Timeout);
    }

    [Theory]
    [InlineData(@"C:\backups\HV01.vhdx", "--vhdx 'C:\\backups\\HV01.vhdx' is not a UNC path to a file on a share")]
    [InlineData(@"\\nas01\HV01.vhdx", "is not a UNC path to a file on a share")]
    [InlineData(@"\\nas01\backups\HV01.vhd", "is not a .vhdx file: only VHDX survives a lost connection or power cut on a share. End it in .vhdx.")]
    [InlineData(@"\\nas01\backups\HV01.img", "is not a .vhdx file")]
    public void A_path_that_is_not_a_vhdx_on_a_share_is_refused(string path, string message) =>
        Assert.Contains(message, Refusal("2TB", path));

    [Theory]
    [InlineData("5.3", "--size '5.3' is not a size such as 5.3TB, 4096GB or 2TB.")]
    [InlineData("5,3TB", "is not a size such as")]
    [InlineData("-1TB", "is not a size such as")]
    [InlineData("2 PB", "is not a size such as")]
    [InlineData("0TB", "--size '0TB' is less than 1 MB")]
    [InlineData("0.5MB", "--size '0.5MB' is less than 1 MB")]
    [InlineData("64.01TB", "--size '64.01TB' is over 64 TB, the largest a VHDX can be; give 64TB or less.")]
    [InlineData("99999999999999999999TB", "is over 64 TB")]
    public void A_size_that_is_not_one_or_out_of_range_is_refused(string size, string message) =>
        Assert.Contains(message, Refusal(size));

    [Fact]
    public void A_wrong_letter_and_a_label_ntfs_cannot_hold_are_refused()
    {
        Assert.Equal("--letter 'BB' is not a drive letter such as B:.", Refusal("2TB", letter: "BB"));
        Assert.StartsWith("--label '" + new string('x', 33) + "' must be 1 to 32 printable characters", Refusal("2TB", label: new string('x', 33)));
        Assert.StartsWith("--label ' ' must be", Refusal("2TB", label: " "));
        Assert.StartsWith("--label 'a\tb' must be", Refusal("2TB", label: "a\tb"));
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var lines = Refusal("70TB", @"\\nas01\backups\HV01.vhd", "1").Split(Environment.NewLine);

        Assert.Equal(3, lines.Length);
        Assert.Contains(".vhdx", lines[0]);
        Assert.Contains("over 64 TB", lines[1]);
        Assert.Contains("--letter '1'", lines[2]);
    }

    // \\nas01\ is 8 characters and \WindowsImageBackup\HV01 is 24: the restore path is 32 plus the share's name.
    private static string OnShare(int restorePathLength) => $@"\\nas01\{new string('s', restorePathLength - 32)}\deeper\folders\HV01.vhdx";

    [Fact]
    public void A_share_whose_restore_path_is_over_110_characters_is_refused()
    {
        var message = Refusal("2TB", OnShare(111));

        Assert.StartsWith($@"A restore from this share would use \\nas01\{new string('s', 79)}\WindowsImageBackup\HV01 (111 characters); over 110 "
            + "a restore fails with 0x80070001.", message);
    }

    [Theory]
    [InlineData(96)]
    [InlineData(110)]
    public void A_restore_path_close_to_the_limit_is_a_warning(int length) =>
        Assert.Contains($"({length} characters), close to the 110", Assert.Single(Plan("2TB", OnShare(length)).Warnings));

    [Fact]
    public void A_restore_path_of_95_characters_passes_quietly() => Assert.Empty(Plan("2TB", OnShare(95)).Warnings);
}
