using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge;

/// <summary>A decoded code, ready to show.</summary>
/// <param name="Code">Normalised ("0x80070002", "Microsoft-Windows-Backup/5").</param>
/// <param name="Symbol">The name in Windows' headers, or the event's level; empty where there is none.</param>
/// <param name="Title">One line: Windows' own text, or the cause the context pins down.</param>
/// <param name="Explanation">What happened, in plain words, with the names the context gave.</param>
/// <param name="Causes">The likely causes, the most likely first; one the host's checks confirm says so.</param>
/// <param name="Fix">What to do, with the real names where the context has them.</param>
/// <param name="Findings">The host's findings the decoding rests on, the deciding one first.</param>
/// <param name="Catalogued">False when the code is not in the catalogue and was decoded from its parts.</param>
public sealed record DecodedError(
    string Code,
    string Symbol,
    string Title,
    string Explanation,
    IReadOnlyList<string> Causes,
    string Fix,
    IReadOnlyList<Finding> Findings,
    bool Catalogued);
