using System.Text.Json;
using BackupFleet.Agent.Cli;

namespace BackupFleet.Tests.Knowledge;

/// <summary><c>agent explain CODE</c> through the command line's entry point: the decoding offline, its formats and exit codes.</summary>
public sealed class ExplainCliTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await AgentCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_known_code_prints_windows_text_the_causes_in_order_and_what_to_do()
    {
        var (code, output, err) = await RunAsync("explain", "0x8078015b");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", err);
        var lines = output.Split(Environment.NewLine);
        Assert.Equal("0x8078015B", lines[0]);
        Assert.Equal("Windows Backup encountered an error when accessing the remote shared folder.", lines[1]);
        Assert.Equal("", lines[2]);
        Assert.Equal("The backup could not use the share it writes to.", lines[3]);
        Assert.Equal("Likely causes, the most likely first:", lines[5]);
        Assert.StartsWith("  1. The share is unreachable", lines[6]);
        Assert.StartsWith("  4. Several hosts use the same target.", lines[9]);
        Assert.Equal("What to do:", lines[11]);
        Assert.StartsWith("  Test-Path -LiteralPath <target>;", lines[12]);
    }

    [Theory]
    [InlineData("80070002")]
    [InlineData("2147942402")]
    [InlineData("-2147024894")]
    public async Task Every_form_of_a_code_gives_the_same_answer(string form)
    {
        var (code, output, _) = await RunAsync("explain", form);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal((await RunAsync("explain", "0x80070002")).Out, output);
        Assert.StartsWith("0x80070002 ERROR_FILE_NOT_FOUND" + Environment.NewLine + "The system cannot find the file specified.", output);
    }

    [Fact]
    public async Task The_context_applies_the_knowledge_base_s_rules()
    {
        var (code, output, _) = await RunAsync("explain", "0x80070001", "--context", "restore");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("The path to the backup set is probably longer than 110 characters", output);
    }

    [Fact]
    public async Task An_unknown_win32_code_is_decoded_generically_and_still_succeeds()
    {
        var (code, output, _) = await RunAsync("explain", "0x80071234");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Win32 error 4660", output);
        Assert.Contains("(not in BackupFleet's catalogue: decoded from the code itself)", output);
    }

    [Fact]
    public async Task Json_is_the_decoded_error_s_fields()
    {
        var (code, output, _) = await RunAsync("explain", "Backup/517", "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Microsoft-Windows-Backup/517", json.GetProperty("code").GetString());
        Assert.Equal("Error", json.GetProperty("symbol").GetString());
        Assert.True(json.GetProperty("catalogued").GetBoolean());
        Assert.Equal(0, json.GetProperty("findings").GetArrayLength());
        Assert.Contains("'{t}'", output); // quotes stay readable on a console
    }

    [Theory]
    [InlineData("disk full")]
    [InlineData("0x1234")]
    [InlineData("Backup/")]
    public async Task Input_that_is_not_a_code_exits_2_saying_what_a_code_looks_like(string input)
    {
        var (code, output, err) = await RunAsync("explain", input);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.StartsWith($"'{input}' is not an error code. An error code looks like 0x80070002, 80070002, 2147942402 or -2147024894", err);
    }

    [Theory]
    [InlineData("explain")]
    [InlineData("explain", "0x80070002", "--context", "lunch")]
    [InlineData("explain", "0x80070002", "--format", "xml")]
    [InlineData("explain", "0x80070002", "0x80070005")]
    [InlineData("explain", "0x80070002", "--verbose", "yes")]
    public async Task A_wrong_explain_command_line_prints_usage_and_exits_2(params string[] args)
    {
        var (code, _, err) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("explain CODE [--context backup|checkpoint|restore] [--format text|json]", err);
    }
}
