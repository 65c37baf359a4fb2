using BackupFleet.Shared.Knowledge;

namespace BackupFleet.Tests.Knowledge;

/// <summary>Codes in every form a person, an event or a tool writes them, and what is not a code.</summary>
public sealed class ErrorCodesTests
{
    [Theory]
    [InlineData("0x80070002", "0x80070002")]
    [InlineData("0X80070002", "0x80070002")]
    [InlineData(" 0x80070002 ", "0x80070002")]
    [InlineData("80070002", "0x80070002")]
    [InlineData("2147942402", "0x80070002")] // unsigned decimal, as the Backup events write it
    [InlineData("-2147024894", "0x80070002")] // signed decimal, as a negative exit code or an Int32 property
    [InlineData("0x8004231f", "0x8004231F")]
    [InlineData("807800a1", "0x807800A1")]
    [InlineData("2155348129", "0x807800A1")]
    [InlineData("-2139619047", "0x80780119")]
    public void An_hresult_in_any_form_and_case_is_written_as_upper_case_hex(string input, string expected) =>
        Assert.Equal(expected, ErrorCodes.Normalise(input));

    [Theory]
    [InlineData("Backup/517", "Microsoft-Windows-Backup/517")]
    [InlineData("microsoft-windows-backup/5", "Microsoft-Windows-Backup/5")]
    [InlineData("VMMS/19100", "Microsoft-Windows-Hyper-V-VMMS/19100")]
    [InlineData("Hyper-V-VMMS/19100", "Microsoft-Windows-Hyper-V-VMMS/19100")]
    [InlineData("Backup/05", "Microsoft-Windows-Backup/5")]
    [InlineData("vss/8193", "VSS/8193")]
    [InlineData("HyperV/32768", "Hyper-V/32768")]
    public void An_event_or_job_result_is_written_with_its_source_s_full_name(string input, string expected) =>
        Assert.Equal(expected, ErrorCodes.Normalise(input));

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("0x00000000")] // success, not an error
    [InlineData("00000005")] // eight digits read as hex: 0x00000005 is no failure code
    [InlineData("5")] // a bare Win32 number: which one is ambiguous with event ids
    [InlineData("0x8007000")] // seven digits
    [InlineData("0x800700020")] // nine digits
    [InlineData("80070002x")]
    [InlineData("Nowhere/5")]
    [InlineData("Backup/")]
    [InlineData("Backup/123456")]
    public void Anything_else_is_not_a_code(string input) =>
        Assert.Null(ErrorCodes.Normalise(input));
}
