using BackupFleet.Shared.DataFiles;
using BackupFleet.Shared.Inventory;
using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.Platform.Windows.PowerShell;
using static BackupFleet.Tests.Agent.Windows.WindowsTestSupport;

namespace BackupFleet.Tests.Agent.Windows;

/// <summary>The agent runs scripts/Get-BackupFleetInventory.ps1 itself and reads what it writes, the inventory format.</summary>
public sealed class WindowsInventoryTests
{
    private static async Task<(HostInventory Inventory, FakeProcessRunner Runner)> CaptureAsync(string fixture, string? target)
    {
        var runner = new FakeProcessRunner((r, _) => Task.FromResult(FakeProcessRunner.Replay(r, Fixture(fixture))));
        var inventory = new WindowsInventory(new WindowsPowerShell(runner, PowerShellExe));
        return (await inventory.CaptureAsync(target, default), runner);
    }

    [Fact]
    public void The_script_the_agent_runs_is_the_one_an_administrator_runs()
    {
        var file = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scripts", "Get-BackupFleetInventory.ps1"));

        Assert.Equal(file, WindowsInventory.Script);
    }

    [Fact]
    public async Task One_vm_reads_as_the_inventory_format_from_the_script_run_as_a_script_block()
    {
        var (inventory, runner) = await CaptureAsync("inventory-one.json", null);

        Assert.Equal("& {\n" + WindowsInventory.Script + "\n}", Assert.Single(runner.Scripts));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567), inventory.CapturedAt);
        Assert.Equal(("HV01", "Microsoft Windows Server 2019 Standard", "10.0.17763"), (inventory.ComputerName, inventory.OsCaption, inventory.OsVersion));
        var vm = Assert.Single(inventory.Vms);
        Assert.Equal((Guid.Parse("6b7f2c9e-0c2a-4d55-9a3e-1f0d2b8c4a11"), VmState.Running, 2), (vm.Id, vm.State, vm.Generation));
        Assert.Equal(ControllerType.SCSI, Assert.Single(inventory.VmHardDiskDrives).ControllerType);
        var vhd = Assert.Single(inventory.Vhds);
        Assert.Equal((VhdFormat.VHDX, VhdType.Dynamic, (string?)null), (vhd.VhdFormat, vhd.VhdType, vhd.ParentPath));
        Assert.Equal(["BUILTIN\\Administrators"], vhd.Access);
        Assert.Equal(new InventoryVolume('C', "Windows", "NTFS", 4096, 136257837465, 76665166233), Assert.Single(inventory.Volumes));
        Assert.True(Assert.Single(inventory.VmIntegrationServices).Enabled);
        Assert.Equal(BackupTargetKind.None, inventory.BackupTarget.Kind);
    }

    [Fact]
    public async Task Many_vms_read_with_their_states_pass_through_disks_and_the_attached_target_apart_from_the_hosts_volumes()
    {
        var (inventory, runner) = await CaptureAsync("inventory-many.json", @"\\nas01\backups\HV02.vhdx");

        Assert.Equal("& {\n" + WindowsInventory.Script + "\n} -TargetVhdx '\\\\nas01\\backups\\HV02.vhdx'", Assert.Single(runner.Scripts));
        Assert.Equal([VmState.Running, VmState.Off, VmState.Saved], inventory.Vms.Select(v => v.State));
        Assert.Equal("APP'S", inventory.Vms[1].Name);
        Assert.Null(inventory.Vms[1].SnapshotFileLocation);
        Assert.Equal([null, null, 4], inventory.VmHardDiskDrives.Select(d => d.DiskNumber));
        Assert.Equal(ControllerType.IDE, inventory.VmHardDiskDrives[2].ControllerType);
        Assert.Equal([VhdType.Fixed, VhdType.Differencing], inventory.Vhds.Select(v => v.VhdType));
        Assert.Equal(@"D:\base.vhdx", inventory.Vhds[1].ParentPath);
        Assert.Null(inventory.Vhds[1].Access);
        Assert.Equal([null, 'C', 'E'], inventory.Volumes.Select(v => v.DriveLetter));
        Assert.Equal(
            new InventoryBackupTarget(BackupTargetKind.VhdxOnShare, @"\\nas01\backups\HV02.vhdx", VhdFormat.VHDX, VhdType.Fixed, 5827411696435, 'B', "NTFS", 65536),
            inventory.BackupTarget);
        Assert.Equal([true, false], inventory.VmIntegrationServices.Select(s => s.Enabled));
    }

    [Fact]
    public async Task The_inventory_passes_the_preflight_it_is_made_for()
    {
        var (inventory, _) = await CaptureAsync("inventory-many.json", @"\\nas01\backups\HV02.vhdx");

        // B: is the mounted target's own volume, not a host volume that would block the policy's letter.
        Assert.Empty(BackupFleet.Agent.Jobs.PreflightChecks.Check(
            new BackupFleet.Shared.Runs.BackupSpec(@"\\nas01\backups\HV02.vhdx", "B:", true, true, ["C:"], 60, 120), inventory));
    }

    [Fact]
    public void A_hostile_target_path_stays_one_literal_and_the_command_line_fits_windows_limit()
    {
        var path = @"\\nas01\it's; Remove-Item C:\ -Recurse #\" + new string('x', 200) + ".vhdx";

        Assert.EndsWith(" -TargetVhdx '" + path.Replace("'", "''", StringComparison.Ordinal) + "'", WindowsInventory.ScriptFor(path), StringComparison.Ordinal);
        // CreateProcess takes at most 32,767 characters; the script travels base64-encoded UTF-16 (8/3 characters each).
        Assert.True(PowerShellCommand.Arguments(WindowsInventory.ScriptFor(path)).Sum(a => a.Length + 3) + PowerShellExe.Length < 32_767);
    }

    [Fact]
    public async Task Output_that_is_not_the_inventory_format_is_an_error_naming_the_field()
    {
        var runner = new FakeProcessRunner((r, _) => Task.FromResult(FakeProcessRunner.Replay(r, ["{\"schema\": \"backupfleet.inventory/1\"}"])));
        var inventory = new WindowsInventory(new WindowsPowerShell(runner, PowerShellExe));

        var e = await Assert.ThrowsAsync<DataFileException>(() => inventory.CaptureAsync(null, default));
        Assert.Equal("capturedAt", e.Field);
    }
}
