using BackupFleet.Agent.Inventory;
using BackupFleet.Agent.Platform.Windows.PowerShell;

namespace BackupFleet.Agent.Platform.Windows;

/// <summary>
/// The host's inventory (shared/reference/inventory.md) from one PowerShell script: the cmdlets' own property names,
/// enums left as 5.1 writes them (numbers) and mapped here. <c>$target</c> is the backup VHDX, or $null when unknown.
/// </summary>
public sealed class WindowsInventory(WindowsPowerShell powerShell, TimeProvider time)
{
    public const string Script = """
        $os = Get-CimInstance -ClassName Win32_OperatingSystem
        $vms = @(if (Get-Command -Name Get-VM -ErrorAction SilentlyContinue) { Get-VM })
        $drives = @($vms | Get-VMHardDiskDrive)
        [pscustomobject]@{
        ComputerName = $env:COMPUTERNAME
        OsCaption = $os.Caption
        OsVersion = $os.Version
        Vms = @($vms | Select-Object Name, @{n='Id';e={"$($_.Id)"}}, State, Generation, Path, ConfigurationLocation, SnapshotFileLocation)
        VmHardDiskDrives = @($drives | Select-Object VMName, Path, ControllerType, ControllerNumber, ControllerLocation, DiskNumber)
        Vhds = @($drives | Where-Object { $_.Path -and $null -eq $_.DiskNumber } | ForEach-Object { Get-VHD -Path $_.Path -ErrorAction SilentlyContinue } |
          Select-Object Path, VhdFormat, VhdType, FileSize, Size, ParentPath,
            @{n='Access';e={ $acl = Get-Acl -LiteralPath $_.Path -ErrorAction SilentlyContinue; if ($acl) { @($acl.Access | ForEach-Object { "$($_.IdentityReference)" }) } }})
        Volumes = @(Get-Partition | ForEach-Object { $p = $_; $p | Get-Volume -ErrorAction SilentlyContinue |
          Select-Object DriveLetter, FileSystemLabel, FileSystem, AllocationUnitSize, Size, SizeRemaining, @{n='DiskNumber';e={$p.DiskNumber}} })
        VmIntegrationServices = @($vms | Get-VMIntegrationService | Select-Object VMName, Name, Enabled)
        Target = if ($target) { Get-VHD -Path $target -ErrorAction SilentlyContinue | Select-Object Path, VhdFormat, VhdType, Size, Attached, DiskNumber }
        } | ConvertTo-Json -Depth 4 -Compress
        """;

    public static string ScriptFor(string? targetVhdxPath) =>
        $"$target = {(targetVhdxPath is null ? "$null" : PowerShellLiteral.Quote(targetVhdxPath))}\n{Script}";

    public async Task<HostInventory> CaptureAsync(string? targetVhdxPath, CancellationToken ct)
    {
        var result = await powerShell.QueryAsync("The inventory script", ScriptFor(targetVhdxPath), ct);
        if (result.Count != 1)
            throw new InvalidDataException($"The inventory script printed {result.Count} objects instead of one.");
        var host = result[0];
        PsObject? target = host.Objects("Target") is [var t, ..] ? t : null;
        var targetDisk = target?.Bool("Attached") == true ? target.Value.Int64("DiskNumber") : null;
        var volumes = host.Objects("Volumes");
        // The mounted target's own volume is not one of the host's: it is described under backupTarget instead.
        var targetVolume = volumes.Where(v => targetDisk is not null && v.Int64("DiskNumber") == targetDisk).OrderByDescending(v => v.Int64("Size") ?? 0).ToList();
        return new HostInventory(
            HostInventory.SchemaV1,
            time.GetUtcNow(),
            host.RequiredString("ComputerName"),
            host.RequiredString("OsCaption"),
            host.RequiredString("OsVersion"),
            host.Objects("Vms").Select(ReadVm).ToList(),
            host.Objects("VmHardDiskDrives").Select(ReadDrive).ToList(),
            host.Objects("Vhds").Select(ReadVhd).ToList(),
            volumes.Where(v => targetDisk is null || v.Int64("DiskNumber") != targetDisk).Select(ReadVolume).ToList(),
            host.Objects("VmIntegrationServices").Select(s => new InventoryIntegrationService(
                s.RequiredString("VMName"), s.RequiredString("Name"), s.Bool("Enabled") ?? throw s.Error("Enabled", "is missing."))).ToList(),
            ReadTarget(targetVhdxPath, target, targetVolume.Count > 0 ? ReadVolume(targetVolume[0]) : null));
    }

    private static InventoryVm ReadVm(PsObject v) => new(
        v.RequiredString("Name"),
        Guid.TryParse(v.String("Id"), out var id) ? id : throw v.Error("Id", "is not a GUID."),
        v.Enum<VmState>("State", HyperVEnumNumbers.VmState) ?? throw v.Error("State", "is missing."),
        (int)v.RequiredInt64("Generation"),
        v.RequiredString("Path"),
        v.RequiredString("ConfigurationLocation"),
        v.String("SnapshotFileLocation"));

    private static InventoryVmHardDiskDrive ReadDrive(PsObject d) => new(
        d.RequiredString("VMName"),
        d.String("Path") ?? "",
        d.Enum<ControllerType>("ControllerType", HyperVEnumNumbers.ControllerType) ?? throw d.Error("ControllerType", "is missing."),
        (int)d.RequiredInt64("ControllerNumber"),
        (int)d.RequiredInt64("ControllerLocation"),
        (int?)d.Int64("DiskNumber"));

    private static InventoryVhd ReadVhd(PsObject v) => new(
        v.RequiredString("Path"),
        v.Enum<VhdFormat>("VhdFormat", HyperVEnumNumbers.VhdFormat) ?? throw v.Error("VhdFormat", "is missing."),
        v.Enum<VhdType>("VhdType", HyperVEnumNumbers.VhdType) ?? throw v.Error("VhdType", "is missing."),
        v.RequiredInt64("FileSize"),
        v.RequiredInt64("Size"),
        v.String("ParentPath") is { Length: > 0 } parent ? parent : null,
        v.Strings("Access"));

    // A volume without a file system has FileSystem ""; Disk Management calls that RAW.
    private static InventoryVolume ReadVolume(PsObject v) => new(
        v.DriveLetter("DriveLetter"),
        v.String("FileSystemLabel"),
        v.String("FileSystem") is { Length: > 0 } fs ? fs : "RAW",
        v.Int64("AllocationUnitSize") ?? 0,
        v.RequiredInt64("Size"),
        v.RequiredInt64("SizeRemaining"));

    private static InventoryBackupTarget ReadTarget(string? path, PsObject? vhd, InventoryVolume? volume) =>
        path is null
            ? new InventoryBackupTarget(BackupTargetKind.None, null, null, null, null, null, null, null)
            : new InventoryBackupTarget(BackupTargetKind.VhdxOnShare, path,
                vhd?.Enum<VhdFormat>("VhdFormat", HyperVEnumNumbers.VhdFormat), vhd?.Enum<VhdType>("VhdType", HyperVEnumNumbers.VhdType), vhd?.Int64("Size"),
                volume?.DriveLetter, volume?.FileSystem, volume?.AllocationUnitSize);
}
