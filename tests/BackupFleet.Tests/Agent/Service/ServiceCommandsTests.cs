using BackupFleet.Agent.Cli;
using BackupFleet.Agent.WindowsService;

namespace BackupFleet.Tests.Agent.Service;

/// <summary>install and uninstall through the command line, on a pretend Windows whose sc.exe and icacls.exe are scripted.</summary>
public sealed class ServiceCommandsTests : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("bf-agent-service-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
            Directory.Delete(_stateDir, recursive: true);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(ServiceEnvironment machine, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await AgentCli.RunAsync(args, stdout, stderr, () => machine, default);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("install", "--server", "http://fleet:5080", "--token", "t")]
    [InlineData("uninstall")]
    public async Task Off_windows_the_service_commands_refuse_and_say_what_to_do_instead(params string[] args)
    {
        var runner = new ScriptedProcessRunner(_ => 0);

        var (code, _, err) = await RunAsync(runner.Machine(isWindows: false), args);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith($"'{args[0]}' manages a Windows service and works only on Windows.", err);
        Assert.Contains("BackupFleet.Agent run", err);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task Without_elevation_install_refuses_before_spending_the_token()
    {
        var runner = new ScriptedProcessRunner(_ => 0);

        var (code, _, err) = await RunAsync(runner.Machine(isElevated: false), "install", "--server", "http://fleet:5080", "--token", "t");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("Run as administrator", err);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task Install_over_an_installed_service_refuses_before_spending_the_token()
    {
        var runner = new ScriptedProcessRunner(r => ScriptedProcessRunner.Query(r, installed: true));

        var (code, _, err) = await RunAsync(runner.Machine(), "install", "--server", "http://fleet:5080", "--token", "t", "--state-dir", _stateDir);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith("The service BackupFleetAgent is already installed.", err);
        Assert.Equal<string[]>([["sc.exe", "query", "BackupFleetAgent"]], runner.Commands);
        Assert.False(File.Exists(Path.Combine(_stateDir, AgentState.FileName)));
    }

    [Fact]
    public async Task Uninstall_removes_the_service_and_keeps_the_state()
    {
        var runner = RemovableService();
        await File.WriteAllTextAsync(Path.Combine(_stateDir, AgentState.FileName), "{}");

        var (code, output, _) = await RunAsync(runner.Machine(), "uninstall", "--state-dir", _stateDir);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Removed the service BackupFleetAgent.", output);
        Assert.Contains(runner.Commands, c => c is ["sc.exe", "delete", "BackupFleetAgent"]);
        Assert.True(File.Exists(Path.Combine(_stateDir, AgentState.FileName)));
    }

    [Fact]
    public async Task Uninstall_with_purge_also_deletes_the_state()
    {
        var runner = RemovableService();
        await File.WriteAllTextAsync(Path.Combine(_stateDir, AgentState.FileName), "{}");

        var (code, output, _) = await RunAsync(runner.Machine(), "uninstall", "--state-dir", _stateDir, "--purge");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"Deleted the state in {_stateDir}.", output);
        Assert.False(Directory.Exists(_stateDir));
    }

    [Fact]
    public async Task Uninstall_without_a_service_says_so_and_succeeds()
    {
        var runner = new ScriptedProcessRunner(r => ScriptedProcessRunner.Query(r, installed: false));

        var (code, output, _) = await RunAsync(runner.Machine(), "uninstall", "--state-dir", _stateDir);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("The service BackupFleetAgent is not installed.", output);
    }

    [Fact]
    public async Task The_state_directory_is_closed_to_everyone_but_system_and_administrators()
    {
        var runner = new ScriptedProcessRunner(_ => 0);
        var dir = Path.Combine(_stateDir, "Agent State");

        await StateDirectoryAcl.RestrictAsync(runner.Machine(), dir, default);

        Assert.True(Directory.Exists(dir));
        Assert.Equal<string[]>([["icacls.exe", dir, "/inheritance:r", "/grant:r", "*S-1-5-18:(OI)(CI)F", "*S-1-5-32-544:(OI)(CI)F"]],
            runner.Commands);
    }

    /// <summary>A service that is there until it has been deleted.</summary>
    private static ScriptedProcessRunner RemovableService()
    {
        var deleted = false;
        return new ScriptedProcessRunner(r =>
        {
            deleted |= r.Arguments[0] == "delete";
            return r.Arguments[0] == "query" && deleted ? 1060 : 0;
        });
    }
}
