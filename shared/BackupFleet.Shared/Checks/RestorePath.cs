using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Paths;

namespace BackupFleet.Shared.Checks;

/// <summary>
/// The path a bare-metal or system-state restore reads from a share, and its limits (KNOWLEDGE.md §1): the recovery
/// environment fails with a bare "Incorrect function (0x80070001)" when it is longer than 110 characters. The known fix
/// copies the host's folder to WindowsImageBackup at the root of the share.
/// </summary>
public static class RestorePath
{
    /// <summary>Longest path the recovery environment restores from (KNOWLEDGE.md §1).</summary>
    public const int MaxLength = 110;

    /// <summary>A little room below the limit, so a longer host name or one more folder does not tip it over.</summary>
    public const int WarnLength = 95;

    /// <summary>
    /// Where a restore would read the host's backup set: for a target that is a share folder, the folder WSB writes to;
    /// for a VHDX on a share, the share's root, where the set is copied out of the VHDX for a restore. Null when the
    /// target is not on a share.
    /// </summary>
    public static string? For(BackupTargetKind kind, string? targetPath, string computerName) => kind switch
    {
        BackupTargetKind.Share when UncPaths.ShareRoot(targetPath) is not null => SetFolder(targetPath!, computerName),
        BackupTargetKind.VhdxOnShare => Shortest(targetPath, computerName),
        _ => null,
    };

    /// <summary>\\server\share\WindowsImageBackup\HOST: the shortest a restore path on that share can be, and the fix's copy target.</summary>
    public static string? Shortest(string? targetPath, string computerName) =>
        UncPaths.ShareRoot(targetPath) is { } root ? SetFolder(root, computerName) : null;

    /// <summary>Where WSB keeps a host's backup set below a folder, share or backup volume ("B:" → B:\WindowsImageBackup\HOST).</summary>
    public static string SetFolder(string root, string computerName) => $@"{root.TrimEnd('\\')}\WindowsImageBackup\{computerName}";
}
