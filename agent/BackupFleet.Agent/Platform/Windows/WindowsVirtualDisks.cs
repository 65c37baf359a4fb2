using BackupFleet.Shared.Paths;
using BackupFleet.Shared.PowerShell;
using System.Collections.Concurrent;
using BackupFleet.Agent.Platform.Windows.PowerShell;
using BackupFleet.Agent.Wbadmin;

namespace BackupFleet.Agent.Platform.Windows;

/// <summary>
/// The backup VHDX through the Hyper-V and Storage cmdlets, as KNOWLEDGE.md §2 does by hand: Mount-VHD, find the volume,
/// give it the policy's letter when Windows did not, Dismount-VHD. Each script starts with <c>$path = '…'</c>, a literal.
/// </summary>
public sealed class WindowsVirtualDisks(WindowsPowerShell powerShell) : IVirtualDisks
{
    public const string MountScript = "Mount-VHD -Path $path -Passthru | Select-Object Path, Attached, DiskNumber | ConvertTo-Json -Depth 4 -Compress";

    public const string AttachedScript = "Get-VHD -Path $path | Select-Object Path, Attached, DiskNumber | ConvertTo-Json -Depth 4 -Compress";

    public const string DismountScript = "Dismount-VHD -Path $path";

    /// <summary>Every partition of the attached VHDX's disk with its volume; nothing while it is not attached or has no disk yet.</summary>
    public const string PartitionsScript = """
        $vhd = Get-VHD -Path $path
        if ($vhd.Attached -and $null -ne $vhd.DiskNumber) {
        $disk = Get-Disk -Number $vhd.DiskNumber
        Get-Partition -DiskNumber $disk.Number -ErrorAction SilentlyContinue | ForEach-Object {
        $volume = $_ | Get-Volume -ErrorAction SilentlyContinue
        [pscustomobject]@{ DiskNumber = $disk.Number; IsOffline = $disk.IsOffline; PartitionNumber = $_.PartitionNumber; Size = $_.Size; DriveLetter = $_.DriveLetter; FileSystem = $volume.FileSystem }
        } | ConvertTo-Json -Depth 4 -Compress
        }
        """;

    /// <summary>
    /// Unverified assumption: the disk is in use while the Block Level Backup Engine service (wbengine), which runs WSB's
    /// jobs, is running. If it lingers after a backup, the wait only lasts the policy's dismount wait, like the hand-made
    /// script's Start-Sleep 120 (KNOWLEDGE.md §2).
    /// </summary>
    public const string InUseScript =
        "[pscustomobject]@{ InUse = [bool](Get-Service -Name wbengine -ErrorAction SilentlyContinue | Where-Object { $_.Status -eq 'Running' }) } | ConvertTo-Json -Depth 4 -Compress";

    // The letter each VHDX should have, from its mount, and whether it was already assigned (assigned once, then only awaited).
    private readonly ConcurrentDictionary<string, (char Letter, bool Assigned)> _letters = new(StringComparer.OrdinalIgnoreCase);

    public static string WithPath(string vhdxPath, string script) => $"$path = {PowerShellLiteral.Quote(vhdxPath)}\n{script}";

    public async Task MountAsync(string vhdxPath, string driveLetter, CancellationToken ct)
    {
        var letter = DriveLetters.Normalise(driveLetter)[0];
        var vhd = await powerShell.QueryAsync("Mount-VHD", WithPath(vhdxPath, MountScript), ct);
        if (vhd.Count == 0 || vhd[0].Bool("Attached") == false)
            throw new IOException($"Mount-VHD reported no error, but {vhdxPath} is not attached.");
        _letters[vhdxPath] = (letter, false);
    }

    public async Task<MountedVolume?> GetVolumeAsync(string vhdxPath, CancellationToken ct)
    {
        var partitions = await powerShell.QueryAsync("Get-Partition", WithPath(vhdxPath, PartitionsScript), ct);
        // The backup volume is the VHDX's one big partition; a GPT disk also has a small Microsoft Reserved one.
        if (partitions.Count == 0)
            return null;
        var data = partitions.MaxBy(p => p.Int64("Size") ?? 0);
        var online = data.Bool("IsOffline") != true && !string.IsNullOrEmpty(data.String("FileSystem"));
        var letter = data.DriveLetter("DriveLetter");
        if (online && letter is null && _letters.TryGetValue(vhdxPath, out var wanted) && !wanted.Assigned)
        {
            // Windows restores the letter the volume had before; a new VHDX or a letter taken meanwhile gets none.
            var assign = $"Set-Partition -DiskNumber {data.RequiredInt64("DiskNumber")} -PartitionNumber {data.RequiredInt64("PartitionNumber")} -NewDriveLetter {wanted.Letter}";
            await powerShell.RunAsync("Set-Partition", assign, ct);
            _letters[vhdxPath] = wanted with { Assigned = true };
            return new MountedVolume(null, false); // the next poll sees the letter once Windows has mounted it there
        }
        // Without a letter wbadmin cannot use it yet: still coming up, as far as the job is concerned.
        return letter is { } l ? new MountedVolume(l + ":", online) : new MountedVolume(null, false);
    }

    public async Task<bool> IsInUseAsync(string vhdxPath, CancellationToken ct)
    {
        var answer = await powerShell.QueryAsync("Get-Service wbengine", InUseScript, ct);
        return answer.Count > 0 && answer[0].Bool("InUse") == true;
    }

    public async Task<bool> IsMountedAsync(string vhdxPath, CancellationToken ct)
    {
        var vhd = await powerShell.QueryAsync("Get-VHD", WithPath(vhdxPath, AttachedScript), ct);
        return vhd.Count > 0 && vhd[0].Bool("Attached") == true;
    }

    public async Task DismountAsync(string vhdxPath, CancellationToken ct)
    {
        await powerShell.RunAsync("Dismount-VHD", WithPath(vhdxPath, DismountScript), ct);
        _letters.TryRemove(vhdxPath, out _);
    }
}
