using System.Text;
using BackupFleet.Shared.Inventory;
using BackupFleet.Agent.Platform.Windows.PowerShell;
using BackupFleet.Agent.Platform.Windows.Processes;
using static BackupFleet.Tests.Agent.Windows.WindowsTestSupport;

namespace BackupFleet.Tests.Agent.Windows;

/// <summary>powershell.exe's command line, and its JSON read with Windows PowerShell 5.1's quirks.</summary>
public sealed class PowerShellTests
{
    private static (WindowsPowerShell PowerShell, FakeProcessRunner Runner) Replaying(IReadOnlyList<string> output, int exitCode = 0, IReadOnlyList<string>? errors = null)
    {
        var runner = new FakeProcessRunner((r, _) => Task.FromResult(FakeProcessRunner.Replay(r, output, exitCode, errors)));
        return (new WindowsPowerShell(runner, PowerShellExe), runner);
    }

    [Fact]
    public async Task The_script_goes_as_an_encoded_command_with_utf8_output_and_a_time_limit()
    {
        var (powerShell, runner) = Replaying([]);

        await powerShell.RunAsync("Dismount-VHD", "Dismount-VHD -Path '\\\\nas01\\it''s.vhdx'", default);

        var request = Assert.Single(runner.Requests);
        Assert.Equal(6, request.Arguments.Count);
        Assert.Equal("Dismount-VHD -Path '\\\\nas01\\it''s.vhdx'", Script(request));
        var wrapped = Encoding.Unicode.GetString(Convert.FromBase64String(request.Arguments[5]));
        Assert.StartsWith("$ErrorActionPreference = 'Stop'\n$ProgressPreference = 'SilentlyContinue'\ntry {\n", wrapped, StringComparison.Ordinal);
        Assert.EndsWith("} catch {\n[Console]::Error.WriteLine($_.Exception.Message)\nexit 1\n}", wrapped, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.WebName, request.OutputEncoding?.WebName);
        Assert.Equal(WindowsPowerShell.DefaultTimeout, request.Timeout);
    }

    [Fact]
    public async Task No_output_is_no_objects_one_object_is_a_list_of_one_and_an_array_is_a_list()
    {
        Assert.Empty(await Replaying([]).PowerShell.QueryAsync("Get-VHD", "x", default));
        Assert.Single(await Replaying(Fixture("get-vhd-attached.json")).PowerShell.QueryAsync("Get-VHD", "x", default));
        Assert.Equal(2, (await Replaying(Fixture("partitions-gpt-at-b.json")).PowerShell.QueryAsync("Get-Partition", "x", default)).Count);
    }

    [Fact]
    public void Dates_come_as_ms_since_1970_or_iso_and_drive_letters_in_every_form()
    {
        var o = PowerShellJson.Parse(
            [@"{""At"":""\/Date(1710468000000)\/"",""Iso"":""2026-11-20T02:00:00+01:00"","
             + @"""C"":""C"",""None"":""\u0000"",""Number"":66,""Null"":null,""Empty"":""""}"], "test")[0];

        Assert.Equal(DateTimeOffset.Parse("2024-03-15T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture), o.Date("At"));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero), o.Date("Iso"));
        Assert.Equal('C', o.DriveLetter("C"));
        Assert.Null(o.DriveLetter("None"));
        Assert.Equal('B', o.DriveLetter("Number"));
        Assert.Null(o.DriveLetter("Null"));
        Assert.Null(o.DriveLetter("Empty"));
        Assert.Null(o.DriveLetter("Missing"));
    }

    [Fact]
    public void Output_that_is_not_json_is_a_clear_error_naming_the_command()
    {
        var e = Assert.Throws<InvalidDataException>(() => PowerShellJson.Parse(["WARNING: something"], "Get-VHD"));
        Assert.StartsWith("Get-VHD printed something that is not JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_script_throws_with_powershells_own_message()
    {
        var (powerShell, _) = Replaying([], 1, ["Mount-VHD : The system cannot find the file specified. (0x80070002)"]);

        var e = await Assert.ThrowsAsync<PowerShellException>(() => powerShell.QueryAsync("Mount-VHD", "x", default));

        Assert.Equal("Mount-VHD failed: Mount-VHD : The system cannot find the file specified. (0x80070002)", e.Message);
        Assert.Equal(1, e.ExitCode);
    }

    [Fact]
    public async Task An_error_stream_written_as_clixml_is_decoded()
    {
        var (powerShell, _) = Replaying([], 1, Fixture("powershell-error-clixml.txt"));

        var e = await Assert.ThrowsAsync<PowerShellException>(() => powerShell.RunAsync("Mount-VHD", "x", default));

        Assert.Equal("Mount-VHD failed: Mount-VHD : The system cannot find the file specified. (0x80070002)\r\nAt line:1 char:1", e.Message);
    }

    [Fact]
    public async Task Error_text_with_exit_code_0_is_still_a_failure_and_a_silent_failure_says_its_exit_code()
    {
        var withText = await Assert.ThrowsAsync<PowerShellException>(() => Replaying([], 0, ["Access is denied"]).PowerShell.RunAsync("Get-VHD", "x", default));
        var silent = await Assert.ThrowsAsync<PowerShellException>(() => Replaying([], 5).PowerShell.RunAsync("Get-VHD", "x", default));

        Assert.Equal("Get-VHD failed: Access is denied", withText.Message);
        Assert.Equal("Get-VHD failed: powershell.exe exited with code 5 and printed no error.", silent.Message);
    }

    [Fact]
    public async Task A_time_out_of_powershell_surfaces_as_a_timeout()
    {
        var runner = new FakeProcessRunner((r, _) => throw new ProcessTimeoutException(r, new ProcessResult(-1, [], [])));

        var e = await Assert.ThrowsAsync<ProcessTimeoutException>(() => new WindowsPowerShell(runner, PowerShellExe).RunAsync("Get-VHD", "x", default));

        Assert.Equal("powershell.exe did not finish within 300 s and was stopped.", e.Message);
    }
}
