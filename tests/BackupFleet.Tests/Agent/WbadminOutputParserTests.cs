using BackupFleet.Shared.Knowledge;
using BackupFleet.Agent.Wbadmin;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

/// <summary>The parser on recorded outputs in the shapes of shared/reference/windows-outputs.md §1 (Fixtures/, CRLF kept).</summary>
public sealed class WbadminOutputParserTests
{
    private static IReadOnlyList<string> Lines(string fixture) => WbadminOutputParser.SplitLines(Fixture(fixture));

    [Fact]
    public void Fixtures_keep_their_windows_line_ends()
    {
        Assert.Contains("\r\n", Fixture("wbadmin-success-allcritical.txt"));
        Assert.DoesNotContain(Lines("wbadmin-success-allcritical.txt"), l => l.EndsWith('\r'));
    }

    [Fact]
    public void Progress_lines_give_volume_and_percent_including_repeats()
    {
        var progress = Lines("wbadmin-success-allcritical.txt")
            .Select(l => WbadminOutputParser.TryParseProgress(l, out var p) ? p : (VolumeProgress?)null).OfType<VolumeProgress>().ToList();

        Assert.Equal(
            [
                new("SYSTEM(EFI System Partition) (100.00 MB)", 0), new("SYSTEM(EFI System Partition) (100.00 MB)", 0),
                new("Windows(C:)", 0), new("Windows(C:)", 5), new("Windows(C:)", 5), new("Windows(C:)", 47), new("Windows(C:)", 100),
            ],
            progress);
    }

    [Fact]
    public void Other_lines_are_not_progress()
    {
        Assert.False(WbadminOutputParser.TryParseProgress("The backup of volume Windows(C:) completed successfully.", out _));
        Assert.False(WbadminOutputParser.TryParseProgress("Creating a backup of volume Windows(C:), copied (140%).", out _));
    }

    [Fact]
    public void Exit_code_zero_and_the_success_sentence_is_success_with_its_log_file()
    {
        var result = WbadminOutputParser.Evaluate(0, Lines("wbadmin-success-allcritical.txt"));

        Assert.True(result.Succeeded);
        Assert.Null(result.ErrorCode);
        Assert.Null(result.ErrorMessage);
        Assert.Equal([@"C:\Windows\Logs\WindowsServerBackup\Backup-05-10-2020_09-19-43.log"], result.LogFiles);
        Assert.Empty(result.SkippedComponents);
    }

    [Fact]
    public void Exit_code_zero_without_the_success_sentence_is_a_failure()
    {
        var lines = Lines("wbadmin-success-allcritical.txt").Where(l => l != WbadminOutputParser.SuccessSentence).ToList();

        var result = WbadminOutputParser.Evaluate(0, lines);

        Assert.False(result.Succeeded);
        Assert.Null(result.ErrorCode);
        Assert.Equal($"wbadmin exited with code 0 but never printed \"{WbadminOutputParser.SuccessSentence}\"", result.ErrorMessage);
    }

    [Fact]
    public void The_success_sentence_with_a_failing_exit_code_is_a_failure()
    {
        var result = WbadminOutputParser.Evaluate(1, Lines("wbadmin-success-allcritical.txt"));

        Assert.False(result.Succeeded);
        Assert.Contains("exited with code 1", result.ErrorMessage);
    }

    [Fact]
    public void A_vss_failure_gives_its_hresult_and_the_whole_wrapped_sentence()
    {
        var result = WbadminOutputParser.Evaluate(1, Lines("wbadmin-failure-vss.txt"));

        Assert.False(result.Succeeded);
        Assert.Equal("0x800423F4", result.ErrorCode);
        Assert.Equal(
            "A Volume Shadow Copy Service Operation failed. Detailed Error: The volume shadow copy operation failed with error 0x800423F4. View the event log for more information.",
            result.ErrorMessage);
    }

    [Fact]
    public void A_system_state_failure_without_a_code_gives_its_last_meaningful_line_and_both_logs()
    {
        var result = WbadminOutputParser.Evaluate(1, Lines("wbadmin-failure-systemstate.txt"));

        Assert.False(result.Succeeded);
        Assert.Null(result.ErrorCode);
        Assert.Equal("Enumeration of the files failed.", result.ErrorMessage);
        Assert.Equal(
            [
                @"C:\Windows\Logs\WindowsServerBackup\SystemStateBackup 30-06-2026 19-50-12.log",
                @"C:\Windows\Logs\WindowsServerBackup\SystemStateBackup_Error 30-06-2026 19-50-12.log",
            ],
            result.LogFiles);
    }

    [Fact]
    public void A_precondition_error_is_the_sentence_after_the_banner()
    {
        var result = WbadminOutputParser.Evaluate(1, Lines("wbadmin-failure-precondition.txt"));

        Assert.Equal("A backup cannot be done to a remote shared folder which is not hosted on a volume formatted with NTFS/ReFS.", result.ErrorMessage);
    }

    [Fact]
    public void A_skipped_vm_is_reported_even_though_the_backup_succeeded()
    {
        var result = WbadminOutputParser.Evaluate(0, Lines("wbadmin-success-vm-skipped.txt"));

        Assert.True(result.Succeeded);
        Assert.Equal(["APPSRV01(Online)"], result.SkippedComponents);
    }

    [Theory]
    [InlineData("Error in backup of F:\\$Extend\\x during write: Error [0x80070005] Access is denied.", "0x80070005")]
    [InlineData("The volume shadow copy operation failed with error 0x8004231f.", "0x8004231F")]
    [InlineData("Backup started at '2026-06-30T19:50:05.7Z' failed with following error code '2155348129' (x).", "0x807800A1")]
    [InlineData("first 0x80070002 then 0x80780119", "0x80780119")]
    [InlineData("The backup is 2155348129 bytes.", null)]
    [InlineData("failed with following error code '5'.", null)]
    [InlineData("0x8078011", null)]
    public void Hresults_are_found_and_normalised(string text, string? expected)
    {
        Assert.Equal(expected, HResults.FindLast(text));
    }

    [Fact]
    public void A_negative_exit_code_is_read_as_an_hresult()
    {
        Assert.Equal("0x80780119", HResults.FromExitCode(unchecked((int)0x80780119)));
        Assert.Null(HResults.FromExitCode(1));
    }
}
