using BackupFleet.Shared.PowerShell;
using BackupFleet.Shared.Provisioning;

namespace BackupFleet.Shared.Checks;

/// <summary>The pieces fixes are written with: PowerShell lines, notes as # comments, names as single-quoted literals.</summary>
internal static class FixText
{
    /// <summary>The agent where scripts/Install-BackupFleetAgent.ps1 puts it, called so that the line pastes into PowerShell as it is.</summary>
    private const string Agent = "& \"$env:ProgramFiles\\BackupFleet\\Agent\\BackupFleet.Agent.exe\"";

    /// <summary>KNOWLEDGE.md §2's size for a new target when nothing tells a better one; a VHDX can be grown later.</summary>
    public const long DefaultTargetSize = 4 * TargetSize.TiB;

    public static string Lines(params IEnumerable<string> lines) => string.Join('\n', lines);

    public static string Note(string text) => "# " + text;

    /// <summary>The agent's provision-target command: a fixed VHDX with 64 KB allocation units (KNOWLEDGE.md §2), at most 64 TB.</summary>
    public static string ProvisionTarget(string vhdxPath, long sizeBytes) =>
        $"{Agent} provision-target --vhdx {PowerShellLiteral.Quote(vhdxPath)} --size {TargetSize.Format(Math.Min(sizeBytes, TargetSize.Max)).Replace(" ", "", StringComparison.Ordinal)}";
}
