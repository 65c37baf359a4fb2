using BackupFleet.Shared.Paths;
using BackupFleet.Shared.DataFiles;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.PowerShell;
using BackupFleet.Agent.Platform.Windows.PowerShell;

namespace BackupFleet.Agent.Platform.Windows;

/// <summary>
/// The host's inventory from scripts/Get-BackupFleetInventory.ps1, built into the agent: the file an administrator runs
/// by hand is the one the agent runs, so both write shared/reference/inventory.md and <see cref="InventoryReader"/> reads it.
/// </summary>
public sealed class WindowsInventory(WindowsPowerShell powerShell)
{
    public const string ResourceName = "Get-BackupFleetInventory.ps1";

    public static readonly string Script = ReadScript();

    /// <summary>The file as a script block, so that its param() block takes the target as on a command line.</summary>
    public static string ScriptFor(string? targetVhdxPath) =>
        $"& {{\n{Script}\n}}" + (targetVhdxPath is null ? "" : " -TargetVhdx " + PowerShellLiteral.Quote(targetVhdxPath));

    /// <exception cref="DataFileException">The script wrote something that is not the inventory format.</exception>
    public async Task<HostInventory> CaptureAsync(string? targetVhdxPath, CancellationToken ct)
    {
        var output = await powerShell.RunAsync("The inventory script", ScriptFor(targetVhdxPath), ct);
        var root = JsonFields.Parse(string.Join('\n', output), "The inventory script's output", out var document);
        using (document)
            return InventoryReader.Read(root);
    }

    private static string ReadScript()
    {
        using var stream = typeof(WindowsInventory).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The agent was built without its {ResourceName} resource.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
