using BackupFleet.Agent.WindowsService;

namespace BackupFleet.Tests.Agent.Service;

public sealed class ServiceControlTests
{
    private static ServiceControl Control(ScriptedProcessRunner runner, int removalTimeoutMs = 1000) =>
        new(runner.Machine(), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(removalTimeoutMs));

    [Fact]
    public async Task Install_creates_an_auto_start_service_running_the_agent_with_restart_on_failure_and_starts_it()
    {
        var runner = new ScriptedProcessRunner(_ => 0);

        await Control(runner).InstallAsync(@"C:\ProgramData\Backup Fleet\Agent", default);

        Assert.All(runner.Requests, r => Assert.Equal(Path.Combine(ScriptedProcessRunner.System32, "sc.exe"), r.FileName));
        Assert.Equal<string[]>(
        [
            ["sc.exe", "create", "BackupFleetAgent",
                "binPath=", "\"C:\\Program Files\\BackupFleet\\Agent\\BackupFleet.Agent.exe\" run --state-dir \"C:\\ProgramData\\Backup Fleet\\Agent\"",
                "start=", "auto", "DisplayName=", "BackupFleet Agent"],
            ["sc.exe", "description", "BackupFleetAgent", AgentService.Description],
            ["sc.exe", "failure", "BackupFleetAgent", "reset=", "86400", "actions=", "restart/60000/restart/60000/restart/300000"],
            ["sc.exe", "failureflag", "BackupFleetAgent", "1"],
            ["sc.exe", "start", "BackupFleetAgent"],
        ], runner.Commands);
    }

    [Fact]
    public async Task A_failing_step_stops_the_install_and_names_the_step_and_code()
    {
        var runner = new ScriptedProcessRunner(r => r.Arguments[0] == "create" ? 5 : 0);

        var e = await Assert.ThrowsAsync<ServiceCommandException>(() => Control(runner).InstallAsync(@"C:\ProgramData\BackupFleet\Agent", default));

        Assert.StartsWith("sc.exe create BackupFleetAgent failed with code 5: [SC] FAILED 5: Scripted failure.", e.Message);
        Assert.Contains("elevated", e.Message);
        Assert.Single(runner.Requests);
    }

    [Fact]
    public async Task Remove_stops_deletes_and_waits_until_the_service_is_gone()
    {
        var queries = 0;
        // Installed, then still there twice while the agent stops, then gone.
        var runner = new ScriptedProcessRunner(r => r.Arguments[0] == "query" ? (++queries <= 3 ? 0 : 1060) : 0);

        Assert.True(await Control(runner).RemoveAsync(default));

        Assert.Equal<string[]>(
        [
            ["sc.exe", "query", "BackupFleetAgent"],
            ["sc.exe", "stop", "BackupFleetAgent"],
            ["sc.exe", "delete", "BackupFleetAgent"],
            ["sc.exe", "query", "BackupFleetAgent"],
            ["sc.exe", "query", "BackupFleetAgent"],
            ["sc.exe", "query", "BackupFleetAgent"],
        ], runner.Commands);
    }

    [Theory]
    [InlineData(1062)] // not running
    [InlineData(1061)] // already stopping
    public async Task Remove_deletes_a_service_that_is_not_running_or_already_stopping(int stopCode)
    {
        var deleted = false;
        var runner = new ScriptedProcessRunner(r =>
        {
            deleted |= r.Arguments[0] == "delete";
            return r.Arguments[0] switch { "query" => deleted ? 1060 : 0, "stop" => stopCode, _ => 0 };
        });

        Assert.True(await Control(runner).RemoveAsync(default));
        Assert.True(deleted);
    }

    [Fact]
    public async Task Remove_of_a_missing_service_does_nothing()
    {
        var runner = new ScriptedProcessRunner(r => ScriptedProcessRunner.Query(r, installed: false));

        Assert.False(await Control(runner).RemoveAsync(default));
        Assert.Single(runner.Requests);
    }

    [Fact]
    public async Task A_service_that_does_not_go_is_reported_as_marked_for_deletion()
    {
        var runner = new ScriptedProcessRunner(_ => 0);

        var e = await Assert.ThrowsAsync<ServiceCommandException>(() => Control(runner, removalTimeoutMs: 20).RemoveAsync(default));

        Assert.StartsWith("The service BackupFleetAgent is marked for deletion but has not gone", e.Message);
    }
}
