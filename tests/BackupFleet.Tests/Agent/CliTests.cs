using BackupFleet.Agent.Cli;
using BackupFleet.Shared.DataFiles;
using BackupFleet.Agent.Platform;

namespace BackupFleet.Tests.Agent;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bf-agent-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await AgentCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("backup")]
    [InlineData("enroll", "--server", "http://127.0.0.1:5080")]
    [InlineData("enroll", "--server", "http://127.0.0.1:5080", "--token")]
    [InlineData("run", "--colour", "blue")]
    [InlineData("run", "--state-dir", "a", "--state-dir", "b")]
    [InlineData("install", "--server", "http://127.0.0.1:5080")]
    [InlineData("uninstall", "--purge=yes")]
    [InlineData("uninstall", "--purge", "--purge")]
    [InlineData("run", "--purge")]
    public async Task A_wrong_command_line_prints_usage_and_exits_2(params string[] args)
    {
        var (code, _, err) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Usage:", err);
    }

    [Fact]
    public async Task A_server_address_that_is_not_http_is_a_usage_error()
    {
        var (code, _, err) = await RunAsync("enroll", "--server", "nas01:5080", "--token", "t", "--simulate", AgentTestSupport.ScenarioPath("fast-healthy.json"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("--server 'nas01:5080' is not an http:// or https:// address", err);
    }

    [Fact]
    public async Task Without_simulate_the_agent_says_the_windows_platform_comes_later_and_fails()
    {
        var (code, _, err) = await RunAsync("run", "--state-dir", _dir);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(HostPlatforms.WindowsOnly, err.Trim());
    }

    [Fact]
    public async Task Run_before_enrolling_says_how_to_enroll()
    {
        var (code, _, err) = await RunAsync("run", "--state-dir", _dir, "--simulate", AgentTestSupport.ScenarioPath("fast-healthy.json"));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith($"This agent is not enrolled: {Path.Combine(_dir, "agent.json")} does not exist.", err);
    }

    [Fact]
    public async Task A_broken_scenario_is_refused_naming_the_field()
    {
        var scenario = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(scenario, """{ "name": "x", "inventory": { "schema": "backupfleet.inventory/1" } }""");

        var (code, _, err) = await RunAsync("run", "--state-dir", _dir, "--simulate", scenario);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith($"{scenario}: inventory.capturedAt is required", err);
    }

    [Fact]
    public void The_state_file_round_trips_and_only_its_owner_can_read_it()
    {
        var state = new AgentState("http://127.0.0.1:5080", Guid.NewGuid(), "HV01", "bfa_secret");

        var path = state.Save(Path.Combine(_dir, "nested"));

        Assert.Equal(state, AgentState.Load(Path.Combine(_dir, "nested")));
        Assert.Contains("\"credential\": \"bfa_secret\"", File.ReadAllText(path));
        Assert.DoesNotContain("bfa_secret", state.ToString());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_damaged_state_file_names_the_field()
    {
        File.WriteAllText(Path.Combine(_dir, AgentState.FileName), """{ "serverUrl": "http://x", "hostId": "nope", "hostName": "H", "credential": "c" }""");

        Assert.Equal("hostId", Assert.Throws<DataFileException>(() => AgentState.Load(_dir)).Field);
    }

    [Fact]
    public void An_explicit_state_dir_wins()
    {
        Assert.Equal(Path.GetFullPath("some/dir"), StateDirectory.Resolve("some/dir"));
        if (!OperatingSystem.IsWindows())
            Assert.EndsWith(Path.Combine(".local", "share", "backupfleet-agent"), StateDirectory.Default());
    }
}
