using System.Text;
using System.Text.Json;
using BackupFleet.Agent.Cli;
using BackupFleet.Agent.Platform.Windows.Processes;
using BackupFleet.Shared.Checks;

namespace BackupFleet.Tests.Checks;

/// <summary><c>agent check</c> through the real executable, as an administrator runs it on any machine: output, exit codes, errors.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bf-agent-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The agent built beside the tests (the project reference), started by the dotnet host that runs them.</summary>
    private static Task<ProcessResult> Agent(params string[] args) =>
        new ProcessRunner().RunAsync(
            new ProcessRequest(
                Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
                [typeof(AgentCli).Assembly.Location, .. args],
                TimeSpan.FromMinutes(1),
                OutputEncoding: Encoding.UTF8),
            CancellationToken.None);

    private string File(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Json_output_is_an_array_of_the_findings_and_an_error_finding_exits_1()
    {
        var path = TestInventories.PathOf("hostile-names.json");

        var result = await Agent("check", "--inventory", path, "--format", "json");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Empty(result.Errors);
        using var json = JsonDocument.Parse(string.Join('\n', result.Output));
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal(["check", "severity", "subject", "message", "fix"], i.EnumerateObject().Select(p => p.Name)));
        var expected = HostChecks.Run(TestInventories.Load("hostile-names.json"));
        Assert.Equal(expected.Select(f => f.Fix), items.Select(i => i.GetProperty("fix").GetString()));
        Assert.Equal(["error", "error", "warning", "warning", "warning", "warning"], items.Select(i => i.GetProperty("severity").GetString()));
    }

    [Theory]
    [InlineData("clean-host.json")]
    [InlineData("no-hyper-v.json")]
    public async Task A_host_without_findings_exits_0_with_an_empty_array(string file)
    {
        var result = await Agent("check", "--inventory", TestInventories.PathOf(file), "--format", "json");

        Assert.Equal((ExitCodes.Ok, "[]"), (result.ExitCode, string.Join('\n', result.Output)));
    }

    [Fact]
    public async Task Info_alone_exits_0()
    {
        // The two-volume host with APPSRV01's disk moved into a folder named after it: its error becomes one more split note.
        var inventory = System.IO.File.ReadAllText(TestInventories.PathOf("two-volume-host.json"))
            .Replace(@"D:\\my-virtual-server-d-drive.vhdx", @"D:\\APPSRV01\\my-virtual-server-d-drive.vhdx", StringComparison.Ordinal);
        var fixedLayout = await Agent("check", "--inventory", File("fixed.json", inventory));

        Assert.Equal(ExitCodes.Ok, fixedLayout.ExitCode);
        Assert.Contains("HV-PROD01, inventory of 2026-11-20 01:00:00Z: 3 info.", fixedLayout.Output);
    }

    [Fact]
    public async Task Text_output_groups_by_severity_with_each_fix_under_its_finding()
    {
        var result = await Agent("check", "--inventory", TestInventories.PathOf("two-volume-host.json"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var output = result.Output.ToList();
        Assert.Equal("HV-PROD01, inventory of 2026-11-20 01:00:00Z: 1 error, 2 info.", output[0]);
        Assert.Equal(["1 ERROR", @"  vm-disk-outside-vm-folder: D:\my-virtual-server-d-drive.vhdx"], output.Skip(2).Take(2));
        var fix = output.IndexOf("    Fix:");
        Assert.StartsWith("      # ", output[fix + 1]);
        Assert.StartsWith("      Move-VMStorage -VMName 'APPSRV01' ", output[fix + 2]);
        Assert.Contains("2 INFO", output);
    }

    [Fact]
    public async Task A_missing_file_exits_2_naming_it()
    {
        var path = Path.Combine(_dir, "nope.json");

        var result = await Agent("check", "--inventory", path);

        Assert.Equal(ExitCodes.UnreadableInput, result.ExitCode);
        Assert.Equal([$"The inventory file '{path}' does not exist."], result.Errors);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_file_that_is_not_json_exits_2_with_where_it_stops_being_json()
    {
        var path = File("broken.json", "{ \"schema\": \"backupfleet.inventory/1\",\n  \"vms\": [ oops ] }");

        var result = await Agent("check", "--inventory", path);

        Assert.Equal(ExitCodes.UnreadableInput, result.ExitCode);
        Assert.StartsWith($"{path}: (document) is not valid JSON (line 2, position ", Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Another_schema_exits_2_naming_the_one_it_reads()
    {
        var path = File("v2.json", """{ "schema": "backupfleet.inventory/2" }""");

        var result = await Agent("check", "--inventory", path);

        Assert.Equal(ExitCodes.UnreadableInput, result.ExitCode);
        Assert.Equal([$"{path}: schema is 'backupfleet.inventory/2'; BackupFleet reads 'backupfleet.inventory/1'."], result.Errors);
    }

    [Fact]
    public async Task A_missing_property_exits_2_naming_its_path_and_never_prints_a_stack_trace()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(TestInventories.PathOf("two-volume-host.json")));
        var json = System.Text.Json.Nodes.JsonNode.Parse(doc.RootElement.GetRawText())!;
        json["vms"]![3]!.AsObject().Remove("Name");
        var path = File("no-name.json", json.ToJsonString());

        var result = await Agent("check", "--inventory", path);

        Assert.Equal(ExitCodes.UnreadableInput, result.ExitCode);
        Assert.Equal([$"{path}: vms[3].Name is required and must be a non-empty string."], result.Errors);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "--inventory", "x.json", "--format", "xml")]
    [InlineData("check", "--inventory", "x.json", "--colour", "blue")]
    public async Task A_wrong_command_line_exits_2_with_the_usage(params string[] args)
    {
        var result = await Agent(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("  BackupFleet.Agent check --inventory FILE [--format text|json]", result.Errors);
    }
}
