using System.Text.RegularExpressions;

namespace BackupFleet.Shared.Knowledge;

/// <summary>
/// What a run's text says about a failed VM checkpoint (KNOWLEDGE.md §3): the VMs named, in wbadmin's output or in the
/// Hyper-V-VMMS messages, and the disk Windows names. The quotes may come as ' or as typographic ones.
/// </summary>
internal static partial class HyperVRunText
{
    [GeneratedRegex(@"The component (?<vm>.+?)\((?:Online|Offline)\) was skipped")]
    private static partial Regex SkippedComponent();

    [GeneratedRegex(@"['‘’](?<vm>.+?)['‘’] cannot create the storage required for the checkpoint using disk (?<disk>.+?\.(?:a?vhdx?|vhds))\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex CheckpointStorage();

    [GeneratedRegex(@"(?:Checkpoint operation for|Could not create backup checkpoint for virtual machine) ['‘’](?<vm>.+?)['‘’](?: failed|:)")]
    private static partial Regex CheckpointFailed();

    /// <summary>The VMs the text names, in order, each once.</summary>
    public static IReadOnlyList<string> VmNames(string text) =>
        new[] { SkippedComponent(), CheckpointStorage(), CheckpointFailed() }
            .SelectMany(r => r.Matches(text))
            .OrderBy(m => m.Index)
            .Select(m => m.Groups["vm"].Value.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>The disk Windows names in "cannot create the storage … using disk X:", or null.</summary>
    public static string? DiskNamed(string text) => CheckpointStorage().Match(text) is { Success: true } m ? m.Groups["disk"].Value : null;
}
