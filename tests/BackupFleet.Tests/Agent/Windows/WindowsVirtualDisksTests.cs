using BackupFleet.Agent.Platform;
using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.Platform.Windows.PowerShell;
using static BackupFleet.Tests.Agent.Windows.WindowsTestSupport;

namespace BackupFleet.Tests.Agent.Windows;

/// <summary>The exact scripts sent for the VHDX, and how their recorded answers are read.</summary>
public sealed class WindowsVirtualDisksTests
{
    private const string Hostile = @"\\nas 01\it's $(x) `b`; ‘q’\HV01.vhdx";
    private const string HostileLiteral = @"'\\nas 01\it''s $(x) `b`; ‘‘q’’\HV01.vhdx'";

    private static (WindowsVirtualDisks Disks, FakeProcessRunner Runner) Replaying(params string[] fixtures)
    {
        var answers = new Queue<string>(fixtures);
        var runner = new FakeProcessRunner((r, _) => Task.FromResult(FakeProcessRunner.Replay(r, answers.Dequeue() is { Length: > 0 } f ? Fixture(f) : [])));
        return (new WindowsVirtualDisks(new WindowsPowerShell(runner, PowerShellExe)), runner);
    }

    [Fact]
    public async Task Mount_runs_mount_vhd_passthru_with_the_path_as_a_literal()
    {
        var (disks, runner) = Replaying("mount-vhd.json");

        await disks.MountAsync(Hostile, "b", default);

        Assert.Equal($"$path = {HostileLiteral}\n" + WindowsVirtualDisks.MountScript, Assert.Single(runner.Scripts));
        Assert.Equal("Mount-VHD -Path $path -Passthru | Select-Object Path, Attached, DiskNumber | ConvertTo-Json -Depth 4 -Compress", WindowsVirtualDisks.MountScript);
    }

    [Fact]
    public async Task A_mount_that_reports_a_detached_disk_fails()
    {
        var (disks, _) = Replaying("get-vhd-detached.json");

        var e = await Assert.ThrowsAsync<IOException>(() => disks.MountAsync(Hostile, "B:", default));

        Assert.Equal($"Mount-VHD reported no error, but {Hostile} is not attached.", e.Message);
    }

    [Fact]
    public async Task The_volume_is_the_biggest_partition_of_the_vhdx_disk_and_online_with_a_file_system()
    {
        var (disks, runner) = Replaying("partitions-gpt-at-b.json", "partitions-coming-up.json", "");

        Assert.Equal(new MountedVolume("B:", true), await disks.GetVolumeAsync(Hostile, default));
        Assert.Equal(new MountedVolume(null, false), await disks.GetVolumeAsync(Hostile, default));
        Assert.Null(await disks.GetVolumeAsync(Hostile, default)); // not attached, or no disk yet: the script prints nothing
        Assert.All(runner.Scripts, s => Assert.Equal($"$path = {HostileLiteral}\n" + WindowsVirtualDisks.PartitionsScript, s));
    }

    [Fact]
    public async Task A_volume_online_without_a_letter_gets_the_policy_letter_once()
    {
        var (disks, runner) = Replaying("mount-vhd.json", "partitions-one-no-letter.json", "", "partitions-one-no-letter.json", "partitions-gpt-at-b.json");
        await disks.MountAsync(Hostile, "B:", default);

        Assert.Equal(new MountedVolume(null, false), await disks.GetVolumeAsync(Hostile, default));
        Assert.Equal(new MountedVolume(null, false), await disks.GetVolumeAsync(Hostile, default)); // letter not there yet: no second Set-Partition
        Assert.Equal(new MountedVolume("B:", true), await disks.GetVolumeAsync(Hostile, default));

        Assert.Equal("Set-Partition -DiskNumber 3 -PartitionNumber 2 -NewDriveLetter B", runner.Scripts[2]);
        Assert.Single(runner.Scripts, s => s.StartsWith("Set-Partition", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Is_mounted_reads_get_vhd_attached()
    {
        var (disks, runner) = Replaying("get-vhd-attached.json", "get-vhd-detached.json");

        Assert.True(await disks.IsMountedAsync(Hostile, default));
        Assert.False(await disks.IsMountedAsync(Hostile, default));
        Assert.Equal($"$path = {HostileLiteral}\nGet-VHD -Path $path | Select-Object Path, Attached, DiskNumber | ConvertTo-Json -Depth 4 -Compress", runner.Scripts[0]);
    }

    [Fact]
    public async Task Dismount_runs_dismount_vhd_with_the_path_as_a_literal()
    {
        var (disks, runner) = Replaying("");

        await disks.DismountAsync(Hostile, default);

        Assert.Equal($"$path = {HostileLiteral}\nDismount-VHD -Path $path", Assert.Single(runner.Scripts));
    }

    [Fact]
    public async Task In_use_follows_the_backup_engine_service()
    {
        var (disks, runner) = Replaying("in-use-true.json", "in-use-false.json");

        Assert.True(await disks.IsInUseAsync(Hostile, default));
        Assert.False(await disks.IsInUseAsync(Hostile, default));
        Assert.All(runner.Scripts, s => Assert.Equal(WindowsVirtualDisks.InUseScript, s));
    }

    [Fact]
    public async Task A_failed_mount_vhd_carries_powershells_message()
    {
        var runner = new FakeProcessRunner((r, _) => Task.FromResult(FakeProcessRunner.Replay(r, [], 1,
            ["The system failed to mount '\\\\nas01\\backups\\HV01.vhdx': The process cannot access the file because it is being used by another process. (0x80070020)."])));
        var disks = new WindowsVirtualDisks(new WindowsPowerShell(runner, PowerShellExe));

        var e = await Assert.ThrowsAsync<PowerShellException>(() => disks.MountAsync(@"\\nas01\backups\HV01.vhdx", "B:", default));

        Assert.StartsWith("Mount-VHD failed: The system failed to mount", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("(0x80070020).", e.Message, StringComparison.Ordinal);
    }
}
