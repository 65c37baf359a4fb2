using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge;

/// <summary>What was running when the code came.</summary>
public enum ErrorOperation
{
    Unknown,
    Backup,
    /// <summary>A Hyper-V checkpoint, or a VM component skipped during the backup's snapshot.</summary>
    HyperVCheckpoint,
    Restore,
    /// <summary>A system image or system state restore reading its backup set from a share (recovery environment).</summary>
    RestoreFromShare,
}

/// <summary>A code and what is known around it; the more is known, the more precise the decoding.</summary>
/// <param name="Code">In any form <see cref="ErrorCodes.Normalise"/> reads.</param>
/// <param name="Text">The run's own words: wbadmin output, event messages (e.g. "The component SQL01(Online) was skipped…").</param>
/// <param name="Findings">
/// The host's current findings. Null when the host was not checked: the decoder then says so instead of claiming a check passed.
/// </param>
/// <param name="TargetPath">The policy's backup target: the VHDX on the share, or the share folder WSB writes to.</param>
/// <param name="TargetDriveLetter">The letter the target VHDX's volume gets when mounted, e.g. "B:".</param>
/// <param name="ComputerName">The host's name, as WSB records it.</param>
public sealed record ErrorContext(
    string Code,
    ErrorOperation Operation = ErrorOperation.Unknown,
    string Text = "",
    IReadOnlyList<Finding>? Findings = null,
    string? TargetPath = null,
    string? TargetDriveLetter = null,
    string? ComputerName = null);
