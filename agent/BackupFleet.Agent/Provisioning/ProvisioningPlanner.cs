using BackupFleet.Shared.Paths;
using System.Globalization;
using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Shared.PowerShell;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Agent.Platform.Windows.PowerShell;

namespace BackupFleet.Agent.Provisioning;

/// <summary>
/// Checks a provisioning request and turns it into the PowerShell steps of KNOWLEDGE.md §2. Pure: no file or share is
/// touched. Whether another host already uses the VHDX needs the server's records: the server-side job checks that.
/// </summary>
public static class ProvisioningPlanner
{
    /// <summary>A weak NAS timed out allocating 5.4 TB at once but managed 2 TB at a time (KNOWLEDGE.md §2).</summary>
    public const long Step = 2 * TargetSize.TiB;

    public const string ExistsScript = "[pscustomobject]@{ Exists = [bool](Test-Path -LiteralPath $path) } | ConvertTo-Json -Depth 4 -Compress";

    /// <exception cref="ProvisioningException">Something must be fixed first; one line per problem.</exception>
    public static ProvisioningPlan Plan(string vhdxPath, string size, string? driveLetter, string? label, string computerName)
    {
        var request = TargetRequest.Check(vhdxPath, size, driveLetter, label, computerName, field => "--" + field);
        if (request.Problems.Count > 0)
            throw new ProvisioningException(string.Join(Environment.NewLine, request.Problems.Select(p => p.Message)));
        return Plan(request);
    }

    public static ProvisioningPlan Plan(TargetRequest request) =>
        Build(request.VhdxPath, request.SizeBytes, request.DriveLetter, request.Label, request.Warnings);

    private static ProvisioningPlan Build(string path, long bytes, string letter, string label, IReadOnlyList<string> warnings)
    {
        var drive = letter[0];
        var create = new List<ProvisioningStep>
        {
            // Creating or growing a fixed VHDX writes the whole extent on the NAS: hours, so no time limit; Ctrl-C still stops it.
            new($"New-VHD -Fixed {TargetSize.Format(Math.Min(Step, bytes))}",
                With(path, $"New-VHD -Path $path -Fixed -SizeBytes {Bytes(Math.Min(Step, bytes))} | Out-Null"), null),
        };
        for (var size = Math.Min(Step, bytes); size < bytes;)
        {
            size = Math.Min(size + Step, bytes);
            create.Add(new($"Resize-VHD to {TargetSize.Format(size)}", With(path, $"Resize-VHD -Path $path -SizeBytes {Bytes(size)}"), null));
        }
        return new ProvisioningPlan(path, bytes, letter, label, warnings,
            new("Check that the VHDX does not exist yet", With(path, ExistsScript), WindowsPowerShell.DefaultTimeout),
            create,
            new($"Mount-VHD, Initialize-Disk GPT, New-Partition at {letter}",
                With(path, $"Mount-VHD -Path $path -Passthru | Initialize-Disk -PartitionStyle GPT -Passthru | New-Partition -UseMaximumSize -DriveLetter {drive} | Out-Null"),
                WindowsPowerShell.DefaultTimeout),
            // A quick format (Format-Volume's default), but of a volume of terabytes on a NAS: more room than the usual limit.
            new($"Format-Volume {letter} NTFS, 64 KB allocation unit, label '{label}'",
                $"$label = {PowerShellLiteral.Quote(label)}\nFormat-Volume -DriveLetter {drive} -FileSystem NTFS -AllocationUnitSize 65536 -NewFileSystemLabel $label -Confirm:$false -Force | Out-Null",
                TimeSpan.FromMinutes(30)),
            new("Dismount-VHD", With(path, WindowsVirtualDisks.DismountScript), WindowsPowerShell.DefaultTimeout));
    }

    private static string With(string path, string script) => WindowsVirtualDisks.WithPath(path, script);

    private static string Bytes(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);
}
