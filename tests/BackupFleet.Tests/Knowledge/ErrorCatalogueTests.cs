using System.Reflection;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Knowledge;

namespace BackupFleet.Tests.Knowledge;

/// <summary>The catalogue holds every code of KNOWLEDGE.md and shared/reference, each complete, found in any written form.</summary>
public sealed class ErrorCatalogueTests
{
    // windows-outputs.md §5 with its texts, where it quotes Windows' own.
    [Theory]
    [InlineData("0x80070001", "ERROR_INVALID_FUNCTION", "Incorrect function.")]
    [InlineData("0x80070002", "ERROR_FILE_NOT_FOUND", "The system cannot find the file specified.")]
    [InlineData("0x80070005", "E_ACCESSDENIED", "Access is denied.")]
    [InlineData("0x80070020", "ERROR_SHARING_VIOLATION", "The process cannot access the file because it is being used by another process.")]
    [InlineData("0x80070037", "ERROR_DEV_NOT_EXIST", "The specified network resource or device is no longer available.")]
    [InlineData("0x80070057", "E_INVALIDARG", "The parameter is incorrect.")]
    [InlineData("0x80070070", "ERROR_DISK_FULL", "There is not enough space on the disk.")]
    [InlineData("0x8007045D", "ERROR_IO_DEVICE", "The request could not be performed because of an I/O device error.")]
    [InlineData("0x8004231F", "VSS_E_INSUFFICIENT_STORAGE", "There is not enough disk storage to create a shadow copy.")]
    [InlineData("0x800423F4", "VSS_E_WRITERERROR_NONRETRYABLE", "The writer experienced a non-transient error. If the backup process is retried, the error is likely to reoccur.")]
    [InlineData("0x80780102", "", "System writer is not found in the backup.")]
    [InlineData("0x8078010D", "", "Enumeration of the files failed.")]
    [InlineData("0x8078011E", "", "Windows Backup failed to get an exclusive lock on the EFI system partition (ESP).")]
    [InlineData("0x8078015B", "", "Windows Backup encountered an error when accessing the remote shared folder.")]
    public void The_reference_table_s_codes_carry_windows_text(string code, string symbol, string text)
    {
        var entry = ErrorCatalogue.Find(code)!;

        Assert.Equal((code, symbol, text), (entry.Code, entry.Symbol, entry.WindowsText));
    }

    [Theory]
    // windows-outputs.md §5, KNOWLEDGE.md §1–§4
    [InlineData("0x80042306")]
    [InlineData("0x80042308")]
    [InlineData("0x800423F3")]
    [InlineData("0x807800A1")]
    [InlineData("0x807800C5")]
    [InlineData("0x80780119")]
    [InlineData("0x80780081")] // no source found: listed, and said to be so
    [InlineData("0x8078004F")]
    [InlineData("0x80780049")]
    [InlineData("Hyper-V/32768")] // VHD Set checkpoints
    [InlineData("Hyper-V/32770")]
    [InlineData("Hyper-V/32775")]
    // windows-outputs.md §4
    [InlineData("Backup/1")]
    [InlineData("Backup/4")]
    [InlineData("Backup/5")]
    [InlineData("Backup/7")]
    [InlineData("Backup/9")]
    [InlineData("Backup/14")]
    [InlineData("Backup/19")]
    [InlineData("Backup/49")]
    [InlineData("Backup/50")]
    [InlineData("Backup/51")]
    [InlineData("Backup/146")]
    [InlineData("Backup/517")]
    [InlineData("Backup/521")]
    [InlineData("Backup/546")]
    [InlineData("Backup/547")]
    [InlineData("Backup/561")]
    public void Every_code_of_the_field_knowledge_and_the_reference_is_catalogued(string code) =>
        Assert.NotNull(ErrorCatalogue.Find(code));

    [Fact]
    public void The_codes_without_a_public_source_say_so_instead_of_guessing()
    {
        var entry = ErrorCatalogue.Find("0x80780081")!;

        Assert.Equal("", entry.WindowsText);
        Assert.Contains("no public source", entry.Meaning);
        Assert.Contains("Where-Object Message -match '0x80780081|2155348097'", entry.Fix);
    }

    [Theory]
    [InlineData("0x80070002", "0x80070002")]
    [InlineData("80070002", "0x80070002")]
    [InlineData("2147942402", "0x80070002")]
    [InlineData("-2147024894", "0x80070002")]
    [InlineData("0x80070002 ", "0x80070002")]
    [InlineData("0x8078015b", "0x8078015B")]
    [InlineData("8078015b", "0x8078015B")]
    [InlineData("2155348315", "0x8078015B")]
    [InlineData("-2139618981", "0x8078015B")]
    [InlineData("backup/517", "Microsoft-Windows-Backup/517")]
    public void A_code_is_found_in_every_form_and_case(string input, string code) =>
        Assert.Equal(code, ErrorCatalogue.Find(input)?.Code);

    [Fact]
    public void Every_entry_is_keyed_as_it_is_looked_up_and_is_complete()
    {
        Assert.All(ErrorCatalogue.All, e =>
        {
            Assert.Equal(e.Code, ErrorCodes.Normalise(e.Code));
            Assert.False(string.IsNullOrWhiteSpace(e.Meaning), e.Code);
            Assert.False(string.IsNullOrWhiteSpace(e.Fix), e.Code);
        });
        Assert.Equal(ErrorCatalogue.All.Count, ErrorCatalogue.All.Select(e => e.Code).Distinct().Count());
    }

    [Fact]
    public void Every_cause_s_check_is_a_rule_that_exists()
    {
        var ids = typeof(CheckIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();

        Assert.All(ErrorCatalogue.All.SelectMany(e => e.Causes).Where(c => c.Check is not null), c => Assert.Contains(c.Check!, ids));
    }

    [Fact]
    public void A_code_it_does_not_know_or_that_is_no_code_is_not_found()
    {
        Assert.Null(ErrorCatalogue.Find("0x80071234"));
        Assert.Null(ErrorCatalogue.Find("Backup/999"));
        Assert.Null(ErrorCatalogue.Find("hello"));
        Assert.Null(ErrorCatalogue.Find(null));
    }
}
