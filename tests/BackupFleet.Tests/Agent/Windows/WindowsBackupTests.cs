using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.Wbadmin;
using static BackupFleet.Tests.Agent.Windows.WindowsTestSupport;

namespace BackupFleet.Tests.Agent.Windows;

/// <summary>wbadmin.exe through the runner: its exact command line, its lines as they come, and what they come to.</summary>
public sealed class WindowsBackupTests
{
    private static readonly IReadOnlyList<string> Args = ["start", "backup", "-backupTarget:B:", "-allCritical", "-include:C:", "-systemState", "-vssFull", "-quiet"];

    private static async Task<(int ExitCode, List<string> Lines, FakeProcessRunner Runner)> RunAsync(string recording, int exitCode)
    {
        var runner = new FakeProcessRunner((r, _) => Task.FromResult(FakeProcessRunner.Replay(r, WbadminFixture(recording), exitCode)));
        var lines = new List<string>();
        var code = await new WindowsBackup(runner, Tools).RunWbadminAsync(Args, lines.Add, default);
        return (code, lines, runner);
    }

    [Fact]
    public async Task Wbadmin_runs_by_full_path_with_the_arguments_as_an_array_and_no_time_limit()
    {
        var (code, lines, runner) = await RunAsync("wbadmin-success-allcritical.txt", 0);

        var request = Assert.Single(runner.Requests);
        Assert.Equal(Wbadmin, request.FileName);
        Assert.Equal(Args, request.Arguments);
        Assert.Null(request.Timeout);
        Assert.Equal(0, code);
        Assert.Equal(WbadminFixture("wbadmin-success-allcritical.txt"), lines);
        Assert.True(WbadminOutputParser.Evaluate(code, lines).Succeeded);
    }

    [Theory]
    [InlineData("wbadmin-failure-vss.txt", 1, "0x800423F4")]
    [InlineData("wbadmin-failure-systemstate.txt", 1, null)]
    [InlineData("wbadmin-failure-precondition.txt", 1, null)]
    // Exit code 0 without the success sentence is no success (windows-outputs.md §1: exit codes unverified).
    [InlineData("wbadmin-failure-vss.txt", 0, "0x800423F4")]
    public async Task Each_failure_shape_is_a_failure_with_its_hresult_when_it_names_one(string recording, int exitCode, string? code)
    {
        var (exit, lines, _) = await RunAsync(recording, exitCode);

        var result = WbadminOutputParser.Evaluate(exit, lines);

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.ErrorCode);
        Assert.False(string.IsNullOrEmpty(result.ErrorMessage));
    }

    [Fact]
    public async Task A_cancelled_backup_asks_the_engine_to_stop_the_job()
    {
        using var cts = new CancellationTokenSource();
        var runner = new FakeProcessRunner(async (r, ct) =>
        {
            if (r.Arguments.SequenceEqual(WindowsBackup.StopJobArguments))
                return FakeProcessRunner.Replay(r, ["wbadmin 1.0 - Backup command-line tool"]);
            FakeProcessRunner.Replay(r, ["Creating a backup of volume Windows(C:), copied (5%)."]);
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        var lines = new List<string>();

        var run = new WindowsBackup(runner, Tools).RunWbadminAsync(Args, l => { lock (lines) lines.Add(l); if (l.Contains("(5%)", StringComparison.Ordinal)) cts.Cancel(); }, cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal([Args, ["stop", "job", "-quiet"]], runner.Requests.Select(r => r.Arguments));
        Assert.Equal(Wbadmin, runner.Requests[1].FileName);
        Assert.Contains("wbadmin stop job exited with code 0.", lines);
    }

    [Fact]
    public async Task Get_versions_runs_with_the_target_letter_and_a_time_limit_and_its_output_parses()
    {
        var runner = new FakeProcessRunner((r, _) => Task.FromResult(FakeProcessRunner.Replay(r, WbadminFixture("wbadmin-get-versions.txt"))));

        var lines = await new WindowsBackup(runner, Tools).GetVersionsAsync("b", default);

        var request = Assert.Single(runner.Requests);
        Assert.Equal(Wbadmin, request.FileName);
        Assert.Equal(["get", "versions", "-backupTarget:B:"], request.Arguments);
        Assert.NotNull(request.Timeout);
        Assert.Equal(["05/03/2018-15:36", "05/04/2018-15:30"], WbadminVersionsParser.Parse(lines).Select(v => v.VersionIdentifier));
    }

    [Fact]
    public async Task Get_versions_failing_throws_with_wbadmin_s_error_line()
    {
        // The wording for a target wbadmin cannot use is unverified; any non-zero exit counts as failure.
        var runner = new FakeProcessRunner((r, _) => Task.FromResult(FakeProcessRunner.Replay(r,
            ["wbadmin 1.0 - Backup command-line tool", "(C) Copyright Microsoft Corporation. All rights reserved.", "", "ERROR - The system cannot find the path specified."], 1)));

        var error = await Assert.ThrowsAsync<IOException>(() => new WindowsBackup(runner, Tools).GetVersionsAsync("B:", default));

        Assert.Equal("wbadmin get versions exited with code 1: ERROR - The system cannot find the path specified.", error.Message);
    }
}
