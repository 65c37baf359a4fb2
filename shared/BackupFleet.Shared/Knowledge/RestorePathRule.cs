using System.Globalization;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.Restore;

namespace BackupFleet.Shared.Knowledge;

/// <summary>
/// KNOWLEDGE.md §1: "Incorrect function (0x80070001)" in a restore from a share is first the path length. The recovery
/// environment reads a backup set only from a path of at most <see cref="RestorePath.MaxLength"/> characters (a field report;
/// Microsoft documents no limit), so the decoding shows the shortest path the share allows and the copy that makes it.
/// </summary>
internal static class RestorePathRule
{
    private const string IncorrectFunction = "0x80070001";

    public static DecodedError? Decode(string code, ErrorContext context)
    {
        if (code != IncorrectFunction || context.Operation is not (ErrorOperation.Restore or ErrorOperation.RestoreFromShare))
            return null;
        var known = ErrorCatalogue.Find(code)!;
        if (context.ComputerName is not { } computer || RestorePath.Shortest(context.TargetPath, computer) is not { } shortest)
            return ErrorDecoder.FromCatalogue(known, context) with
            {
                Title = $"The path to the backup set is probably longer than {RestorePath.MaxLength} characters",
                Explanation = Limit + " With the policy's target and the host's name, BackupFleet shows the exact short path and copy command.",
            };

        var target = context.TargetPath!;
        var kind = target.EndsWith(".vhdx", StringComparison.OrdinalIgnoreCase) ? BackupTargetKind.VhdxOnShare : BackupTargetKind.Share;
        var current = RestorePath.For(kind, target, computer)!;
        if (kind == BackupTargetKind.Share && current.Length <= RestorePath.MaxLength)
            return ErrorDecoder.FromCatalogue(known with { Causes = [.. known.Causes.Where(c => c.Check != CheckIds.RestorePathTooLong)] }, context) with
            {
                Explanation = $"The recovery environment reads {current}, {current.Length} characters: within {RestorePath.MaxLength}, so the "
                    + "path length is not the cause here. " + known.Meaning,
            };

        var (causes, confirming) = FindingEvidence.Weigh(known.Causes, context.Findings, text => Placeholders.Fill(text, target, computer));
        if (BareMetalRestore.TooLong(target, computer) is { } advice)
            return new DecodedError(code, known.Symbol, $"The path to the backup set is too long, even at the root of the share", $"{Limit} {advice}",
                causes, advice, confirming, Catalogued: true);

        var share = UncPaths.ShareRoot(shortest);
        var where = kind == BackupTargetKind.Share
            ? $"{current} is {current.Length} characters."
            : "A backup set kept in a VHDX must first be copied out of it onto the share.";
        return new DecodedError(code, known.Symbol, $"The path to the backup set is too long: restore from {share}",
            $"{Limit} {where} Copy the set to {shortest} ({shortest.Length} characters) and give the recovery environment {share} as the network folder.",
            causes,
            Numbered(BareMetalRestore.Steps(target, context.TargetDriveLetter ?? Placeholders.Drive, computer)),
            confirming,
            Catalogued: true);
    }

    private static readonly string Limit =
        "Restoring a system image or the system state from a share, the recovery environment fails with \"Incorrect function "
        + $"(0x80070001)\" when the path to the backup set (…\\WindowsImageBackup\\<computer>) is longer than {RestorePath.MaxLength} characters.";

    private static string Numbered(IReadOnlyList<RestoreStep> steps) => string.Join("\n", steps.Select((step, i) =>
        $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {step.Instruction}" + (step.Command is null ? "" : $"\n   {step.Command}")));
}
