using System.Collections.Concurrent;
using BackupFleet.Agent.Cli;
using BackupFleet.Agent.Platform.Windows.PowerShell;
using BackupFleet.Agent.Provisioning;
using BackupFleet.Agent.WindowsService;
using BackupFleet.Tests.Agent.Windows;
using static BackupFleet.Tests.Agent.Windows.WindowsTestSupport;

namespace BackupFleet.Tests.Agent.Provisioning;

/// <summary>provision-target on a pretend Windows: the exact scripts, in order, and the dismount on every way out after the mount.</summary>
public sealed class TargetProvisionerTests
{
    private const string Hostile = @"\\nas01\it's $(x) `b`; ‘q’\HV01 new.vhdx";
    private const string Literal = @"$path = '\\nas01\it''s $(x) `b`; ‘‘q’’\HV01 new.vhdx'";

    /// <summary>Answers each script: the existence check with <paramref name="exists"/>, the step starting with <paramref name="failing"/> with an error.</summary>
    private static FakeProcessRunner Runner(bool exists = false, string? failing = null) => new((request, _) =>
    {
        var script = Script(request);
        var body = script[(script.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        if (body == ProvisioningPlanner.ExistsScript)
            return Task.FromResult(FakeProcessRunner.Replay(request, [$$"""{"Exists":{{(exists ? "true" : "false")}}}"""]));
        return Task.FromResult(failing is not null && body.StartsWith(failing, StringComparison.Ordinal)
            ? FakeProcessRunner.Replay(request, [], 1, [$"{failing} : The request is not supported."])
            : FakeProcessRunner.Replay(request, []));
    });

    private static async Task<(FakeProcessRunner Runner, string Output, Exception? Error)> ProvisionAsync(FakeProcessRunner runner, string size = "5.3TB")
    {
        var output = new StringWriter();
        var plan = ProvisioningPlanner.Plan(Hostile, size, "B:", "Backup Disk", "HV01");
        var error = await Record.ExceptionAsync(() => new TargetProvisioner(new WindowsPowerShell(runner, PowerShellExe), output.WriteLine).RunAsync(plan, default));
        return (runner, output.ToString(), error);
    }

    [Fact]
    public async Task The_scripts_run_in_order_with_a_hostile_path_as_one_literal()
    {
        var (runner, output, error) = await ProvisionAsync(Runner());

        Assert.Null(error);
        Assert.Equal([
            Literal + "\n[pscustomobject]@{ Exists = [bool](Test-Path -LiteralPath $path) } | ConvertTo-Json -Depth 4 -Compress",
            Literal + "\nNew-VHD -Path $path -Fixed -SizeBytes 2199023255552 | Out-Null",
            Literal + "\nResize-VHD -Path $path -SizeBytes 4398046511104",
            Literal + "\nResize-VHD -Path $path -SizeBytes 5827410788352",
            Literal + "\nMount-VHD -Path $path -Passthru | Initialize-Disk -PartitionStyle GPT -Passthru | New-Partition -UseMaximumSize -DriveLetter B | Out-Null",
            "$label = 'Backup Disk'\nFormat-Volume -DriveLetter B -FileSystem NTFS -AllocationUnitSize 65536 -NewFileSystemLabel $label -Confirm:$false -Force | Out-Null",
            Literal + "\nDismount-VHD -Path $path",
        ], runner.Scripts);
        Assert.Equal([WindowsPowerShell.DefaultTimeout, null, null, null, WindowsPowerShell.DefaultTimeout, TimeSpan.FromMinutes(30), WindowsPowerShell.DefaultTimeout],
            runner.Requests.Select(r => r.Timeout));
        Assert.Equal([
            "New-VHD -Fixed 2 TB …", "Resize-VHD to 4 TB …", "Resize-VHD to 5.3 TB …", "Mount-VHD, Initialize-Disk GPT, New-Partition at B: …",
            "Format-Volume B: NTFS, 64 KB allocation unit, label 'Backup Disk' …", "Dismount-VHD …",
            $"Done: {Hostile}, 5.3 TB fixed VHDX, NTFS 'Backup Disk', dismounted. Give the host's policy this path and the letter B:.",
        ], output.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task An_existing_vhdx_is_refused_before_anything_is_created()
    {
        var (runner, _, error) = await ProvisionAsync(Runner(exists: true));

        Assert.StartsWith($"{Hostile} exists already", Assert.IsType<ProvisioningException>(error).Message);
        Assert.Single(runner.Requests);
    }

    [Fact]
    public async Task When_format_volume_fails_the_vhdx_is_still_dismounted_and_the_format_error_is_the_one_reported()
    {
        var (runner, output, error) = await ProvisionAsync(Runner(failing: "Format-Volume"), "2TB");

        Assert.Equal("Format-Volume B: NTFS, 64 KB allocation unit, label 'Backup Disk' failed: Format-Volume : The request is not supported.",
            Assert.IsType<PowerShellException>(error).Message);
        Assert.Equal(["Test-Path", "New-VHD", "Mount-VHD", "Format-Volume", "Dismount-VHD"], runner.Scripts.Select(Command));
        Assert.Contains("Failed: Format-Volume B: NTFS", output);
        Assert.EndsWith("Dismount-VHD …", output.TrimEnd());
    }

    [Fact]
    public async Task When_the_mount_step_fails_the_dismount_is_still_tried_and_its_own_failure_does_not_hide_the_first()
    {
        var (runner, output, error) = await ProvisionAsync(new FakeProcessRunner((request, _) =>
        {
            var script = Script(request);
            return Task.FromResult(script.Contains("Test-Path", StringComparison.Ordinal)
                ? FakeProcessRunner.Replay(request, ["""{"Exists":false}"""])
                : script.Contains("Mount-VHD", StringComparison.Ordinal) || script.Contains("Dismount-VHD", StringComparison.Ordinal)
                    ? FakeProcessRunner.Replay(request, [], 1, ["The file is not attached."])
                    : FakeProcessRunner.Replay(request, []));
        }), "2TB");

        Assert.StartsWith("Mount-VHD, Initialize-Disk GPT, New-Partition at B: failed", Assert.IsType<PowerShellException>(error).Message);
        Assert.Equal(["Test-Path", "New-VHD", "Mount-VHD", "Dismount-VHD"], runner.Scripts.Select(Command));
        Assert.Contains("Dismount-VHD after the failure did not work either", output);
    }

    [Fact]
    public async Task A_failed_resize_stops_before_the_mount_and_there_is_nothing_to_dismount()
    {
        var (runner, _, error) = await ProvisionAsync(Runner(failing: "Resize-VHD"));

        Assert.IsType<PowerShellException>(error);
        Assert.Equal(["Test-Path", "New-VHD", "Resize-VHD"], runner.Scripts.Select(Command));
    }

    [Fact]
    public async Task Cancelled_during_the_format_the_dismount_still_runs()
    {
        using var cts = new CancellationTokenSource();
        var scripts = new ConcurrentQueue<string>();
        var runner = new FakeProcessRunner(async (request, ct) =>
        {
            var script = Script(request);
            scripts.Enqueue(Command(script));
            if (script.Contains("Test-Path", StringComparison.Ordinal))
                return FakeProcessRunner.Replay(request, ["""{"Exists":false}"""]);
            if (script.Contains("Format-Volume", StringComparison.Ordinal))
            {
                await cts.CancelAsync();
                ct.ThrowIfCancellationRequested(); // the real runner kills the process tree and throws
            }
            return FakeProcessRunner.Replay(request, []);
        });
        var plan = ProvisioningPlanner.Plan(Hostile, "2TB", null, null, "HV01");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TargetProvisioner(new WindowsPowerShell(runner, PowerShellExe), _ => { }).RunAsync(plan, cts.Token));

        Assert.Equal(["Test-Path", "New-VHD", "Mount-VHD", "Format-Volume", "Dismount-VHD"], scripts);
    }

    [Fact]
    public async Task Through_the_command_line_off_windows_the_plan_is_checked_then_the_command_refuses()
    {
        var runner = Runner();
        var machine = new ServiceEnvironment(false, false, runner, @"C:\Windows\System32", "agent");

        var refused = await CliAsync(machine, "provision-target", "--vhdx", @"\\nas01\backups\HV01.vhd", "--size", "5.3TB");
        var offWindows = await CliAsync(machine, "provision-target", "--vhdx", @"\\nas01\backups\HV01.vhdx", "--size", "5.3TB");

        Assert.Equal(ExitCodes.Failure, refused.Code);
        Assert.StartsWith(@"--vhdx '\\nas01\backups\HV01.vhd' is not a .vhdx file", refused.Err);
        Assert.Equal((ExitCodes.Failure, ProvisionTargetCommand.WindowsOnly), (offWindows.Code, offWindows.Err.Trim()));
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task Through_the_command_line_on_windows_it_runs_the_steps_with_the_options_given()
    {
        var runner = Runner();
        var machine = new ServiceEnvironment(true, true, runner, @"C:\Windows\System32", "agent");

        var (code, output, _) = await CliAsync(machine, "provision-target", "--vhdx", Hostile, "--size=4096GB", "--letter", "E:", "--label", "BK");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(["Test-Path", "New-VHD", "Resize-VHD", "Mount-VHD", "Format-Volume", "Dismount-VHD"], runner.Scripts.Select(Command));
        Assert.Contains("Format-Volume E: NTFS, 64 KB allocation unit, label 'BK' …", output);
    }

    [Theory]
    [InlineData("provision-target", "--vhdx", @"\\nas01\backups\HV01.vhdx")]
    [InlineData("provision-target", "--size", "2TB")]
    [InlineData("provision-target", "--vhdx", @"\\nas01\b\HV01.vhdx", "--size", "2TB", "--force")]
    public async Task A_missing_or_unknown_option_is_a_usage_error(params string[] args)
    {
        var (code, _, err) = await CliAsync(new ServiceEnvironment(true, true, Runner(), @"C:\Windows\System32", "agent"), args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("provision-target --vhdx", err);
    }

    private static async Task<(int Code, string Out, string Err)> CliAsync(ServiceEnvironment machine, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await AgentCli.RunAsync(args, stdout, stderr, () => machine, default);
        return (code, stdout.ToString(), stderr.ToString());
    }

    // The cmdlet a script is about, for order checks.
    private static string Command(string script) =>
        new[] { "Test-Path", "New-VHD", "Resize-VHD", "Format-Volume", "Dismount-VHD", "Mount-VHD" }.First(c => script.Contains(c, StringComparison.Ordinal));
}
