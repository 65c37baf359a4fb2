using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Knowledge;

namespace BackupFleet.Tests.Knowledge;

/// <summary>Catalogued codes with the host's findings and names filled in; codes the catalogue lacks, decoded from their parts.</summary>
public sealed class ErrorDecoderTests
{
    private static readonly Finding LowSpace = new(CheckIds.LowFreeSpace, FindingSeverity.Warning, "C:",
        "C: has 4 % free (2.1 GB of 60 GB).", "Free space on C: (Disk Cleanup), or give its shadow storage room elsewhere.");

    private static readonly Finding AllocationUnit = new(CheckIds.TargetAllocationUnit, FindingSeverity.Info, "B:",
        "B: has 4 KB allocation units.", "Format it with 64 KB units.");

    [Fact]
    public void A_cause_the_host_s_checks_confirm_names_the_finding_and_its_fix_comes_first()
    {
        var decoded = ErrorDecoder.Decode(new ErrorContext("2155348249", ErrorOperation.Backup, Findings: [AllocationUnit, LowSpace]));

        Assert.Equal("0x80780119", decoded.Code);
        Assert.Equal("There is not enough disk space to create the volume shadow copy on the storage location", decoded.Title);
        Assert.EndsWith("This host's checks point at a cause: low-free-space.", decoded.Explanation);
        Assert.EndsWith($"This host's check low-free-space found: {LowSpace.Message}", decoded.Causes[0]);
        Assert.StartsWith($"First fix what this host's checks found:\n{LowSpace.Fix}\nThen, if it still fails: vssadmin list shadowstorage", decoded.Fix);
        Assert.Equal([LowSpace], decoded.Findings);
        Assert.True(decoded.Catalogued);
    }

    [Fact]
    public void The_vss_insufficient_storage_code_points_at_low_free_space_too()
    {
        var decoded = ErrorDecoder.Decode(new ErrorContext("0x8004231f", Findings: [LowSpace]));

        Assert.Equal("VSS_E_INSUFFICIENT_STORAGE", decoded.Symbol);
        Assert.Equal([LowSpace], decoded.Findings);
    }

    [Fact]
    public void A_share_error_names_the_target_the_nas_and_the_computer_account_and_the_direct_share_finding()
    {
        var direct = new Finding(CheckIds.TargetDirectSmb, FindingSeverity.Warning, @"\\nas01\backups\HV01",
            "The policy writes straight to the share: full backups only.", "Keep a VHDX on the share instead.");

        var decoded = ErrorDecoder.Decode(new ErrorContext("0x8078015B", ErrorOperation.Backup, "", [direct], @"\\nas01\backups\HV01", "B:", "HV01"));

        Assert.StartsWith($"First fix what this host's checks found:\n{direct.Fix}\nThen, if it still fails: "
            + @"Test-Path -LiteralPath '\\nas01\backups\HV01'; Test-NetConnection -ComputerName nas01 -Port 445;", decoded.Fix);
        Assert.Contains(@"The computer account <domain>\HV01$ lacks write permission", decoded.Causes[1]);
        Assert.EndsWith($"This host's check target-direct-smb found: {direct.Message}", decoded.Causes[2]);
    }

    [Fact]
    public void A_target_path_with_a_quote_is_filled_in_as_a_powershell_literal()
    {
        var decoded = ErrorDecoder.Decode(new ErrorContext("0x80070020", TargetPath: @"\\nas01\it's\HV01.vhdx"));

        Assert.Contains(@"Dismount-VHD -Path '\\nas01\it''s\HV01.vhdx'", decoded.Fix);
    }

    [Fact]
    public void An_event_is_decoded_from_the_catalogue()
    {
        var decoded = ErrorDecoder.Decode(new ErrorContext("Backup/49"));

        Assert.Equal("Microsoft-Windows-Backup/49", decoded.Code);
        Assert.Equal("Error", decoded.Symbol);
        Assert.StartsWith("Mount-VHD -Path <target>;", decoded.Fix);
    }

    [Fact]
    public void An_unknown_win32_code_is_said_to_be_win32_error_n_with_the_commands_to_read_more()
    {
        var decoded = ErrorDecoder.Decode(new ErrorContext("0x80071234", ErrorOperation.HyperVCheckpoint));

        Assert.False(decoded.Catalogued);
        Assert.Equal("Win32 error 4660", decoded.Title);
        Assert.StartsWith("0x80071234 is Win32 error 4660 (0x1234) carried as an HRESULT", decoded.Explanation);
        Assert.Equal("certutil -error 0x80071234 prints Windows' text for it, where Windows has one. Look in the event log for the events that name it: "
            + "Get-WinEvent -FilterHashtable @{LogName='Microsoft-Windows-Hyper-V-VMMS-Admin','Application'; StartTime=(Get-Date).AddDays(-1)} "
            + "-ErrorAction SilentlyContinue | Where-Object Message -match '0x80071234|2147947060' | Format-List TimeCreated, ProviderName, Id, Message",
            decoded.Fix);
    }

    [Theory]
    [InlineData("0x80789999", "A Windows Server Backup error")]
    [InlineData("0x800423AB", "A Volume Shadow Copy Service error")]
    [InlineData("0x80040154", "An HRESULT of facility 4")]
    [InlineData("0xC03A0014", "An HRESULT of facility 58")]
    public void An_unknown_hresult_is_decoded_from_its_facility(string code, string title)
    {
        var decoded = ErrorDecoder.Decode(new ErrorContext(code));

        Assert.Equal(title, decoded.Title);
        Assert.Contains("Get-WinEvent -FilterHashtable @{LogName='Microsoft-Windows-Backup','Application';", decoded.Fix);
    }

    [Fact]
    public void An_unknown_event_is_read_from_its_log()
    {
        var decoded = ErrorDecoder.Decode(new ErrorContext("VMMS/18999"));

        Assert.Equal("Event 18999 of Microsoft-Windows-Hyper-V-VMMS", decoded.Title);
        Assert.EndsWith("Get-WinEvent -FilterHashtable @{LogName='Microsoft-Windows-Hyper-V-VMMS-Admin'; Id=18999} -MaxEvents 5 | Format-List TimeCreated, Message",
            decoded.Fix);
    }

    [Fact]
    public void An_unknown_hyper_v_job_result_points_at_the_vmms_log()
    {
        var decoded = ErrorDecoder.Decode(new ErrorContext("Hyper-V/32771"));

        Assert.Equal("Hyper-V job result 32771", decoded.Title);
        Assert.Contains("LogName='Microsoft-Windows-Hyper-V-VMMS-Admin'; Level=2", decoded.Fix);
    }

    [Fact]
    public void Input_that_is_not_a_code_is_refused_saying_what_a_code_looks_like()
    {
        var e = Assert.Throws<ArgumentException>(() => ErrorDecoder.Decode(new ErrorContext("disk full")));

        Assert.Contains("'disk full' is not an error code. An error code looks like 0x80070002", e.Message);
    }
}
