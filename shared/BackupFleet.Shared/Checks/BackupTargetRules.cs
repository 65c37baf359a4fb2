using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.PowerShell;
using BackupFleet.Shared.Provisioning;
using static BackupFleet.Shared.PowerShell.PowerShellLiteral;

namespace BackupFleet.Shared.Checks;

/// <summary>The backup target (KNOWLEDGE.md §1 and §2): a VHDX of the host's own on a share, fixed, with 64 KB allocation units.</summary>
internal static class BackupTargetRules
{
    /// <summary>KNOWLEDGE.md §2: large backup files want 64 KB NTFS allocation units on the backup volume.</summary>
    public const long AllocationUnit = 64 * 1024;

    public static IEnumerable<Finding> Check(HostInventory inventory)
    {
        var target = inventory.BackupTarget;
        if (target.Path is not { } path)
            yield break;
        if (RestorePathTooLong(target.Kind, path, inventory.ComputerName) is { } restore)
            yield return restore;
        if (target.Kind == BackupTargetKind.Share)
            yield return DirectSmb(path, inventory.ComputerName);
        // The rest is about the VHDX file; a local backup disk is WSB's own, which it formats when it is added.
        if (target.Kind != BackupTargetKind.VhdxOnShare)
            yield break;
        var size = target.Size ?? FixText.DefaultTargetSize;
        var replacement = FixText.ProvisionTarget(WindowsPaths.WithoutExtension(path) + "-new.vhdx", size);
        var isVhd = target.VhdFormat == VhdFormat.VHD || WindowsPaths.HasExtension(path, ".vhd");
        if (isVhd)
            yield return new Finding(CheckIds.TargetNotVhdx, FindingSeverity.Error, path,
                $"The backup target {path} is a VHD. Over a share only a VHDX survives a lost connection or a power cut (it keeps a log of "
                + "its metadata); a VHD can be left damaged, with every backup version in it.",
                FixText.Lines(Replace("a fixed VHDX"), replacement));
        // A VHD is replaced anyway, by a fixed VHDX.
        if (target.VhdType == VhdType.Dynamic && !isVhd)
            yield return new Finding(CheckIds.TargetVhdxDynamic, FindingSeverity.Warning, path,
                $"The backup target {path} is a dynamic VHDX. A dynamic disk keeps zeroing its end and rewriting its metadata as it grows; "
                + "on one NAS measured in the field, backups ran at 420–430 Mbps to a dynamic VHDX and at 560–590 Mbps to a fixed one.",
                FixText.Lines(Replace("a fixed VHDX grown 2 TB at a time"), replacement));
        if (target.Size > TargetSize.Max)
            yield return new Finding(CheckIds.TargetTooLarge, FindingSeverity.Error, path,
                $"The backup target {path} is {TargetSize.Format(target.Size.Value)}, over the 64 TB a VHDX can hold.",
                FixText.Lines(Replace("a fixed VHDX of 64 TB or less"), replacement));
        if (target.AllocationUnitSize is { } unit && unit != AllocationUnit)
            yield return new Finding(CheckIds.TargetAllocationUnit, FindingSeverity.Warning, path,
                $"The volume inside the backup target {path} has {unit}-byte allocation units; backup files are large and want 64 KB "
                + $"({AllocationUnit}-byte) units.",
                FixText.Lines(Replace("a fixed VHDX whose volume has 64 KB allocation units"), replacement));
    }

    private static string Replace(string what) =>
        FixText.Note($"Creates a new target, {what}, beside the old one. Point the policy at it; delete the old one once a backup has run to the new one.");

    private static Finding? RestorePathTooLong(BackupTargetKind kind, string path, string computerName)
    {
        if (RestorePath.For(kind, path, computerName) is not { Length: > RestorePath.WarnLength } restore)
            return null;
        var tooLong = restore.Length > RestorePath.MaxLength;
        var shortest = RestorePath.Shortest(path, computerName)!;
        var fix = shortest.Length <= RestorePath.MaxLength && !WindowsPaths.Same(shortest, restore)
            ? FixText.Lines(
                FixText.Note($"Before a restore, copy the host's backups to the share's root ({shortest.Length} characters) and restore from there; "
                    + $"or point the policy at {UncPaths.ShareRoot(path)} so that they are written there."),
                $"robocopy {Quote(restore)} {Quote(shortest)} /E")
            : FixText.Note($"Even at the share's root the path is {shortest.Length} characters ({shortest}): back up to a share with a shorter server or share name.");
        return new Finding(CheckIds.RestorePathTooLong, tooLong ? FindingSeverity.Error : FindingSeverity.Warning, path,
            $"A restore from this target reads {restore} ({restore.Length} characters). Over {RestorePath.MaxLength} characters the recovery "
            + "environment fails with \"Incorrect function (0x80070001)\""
            + (tooLong ? "." : $"; at {restore.Length}, a longer host name or one more folder tips it over."),
            fix);
    }

    private static Finding DirectSmb(string path, string computerName) =>
        new(CheckIds.TargetDirectSmb, FindingSeverity.Warning, path,
            $"The backup target is the share {path} itself. Windows Server Backup writes only full backups to a share and keeps one "
            + $"version: every run copies all of {computerName}, which can outgrow the nightly window, and a failed run leaves no good version.",
            FixText.Lines(
                FixText.Note("Creates a VHDX of the host's own on the share; point the policy at it, and WSB does block-level incrementals and keeps versions."),
                FixText.ProvisionTarget(WindowsPaths.Combine(path, computerName + ".vhdx"), FixText.DefaultTargetSize)));
}
