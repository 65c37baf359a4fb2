namespace BackupFleet.Shared.Knowledge;

/// <summary>
/// Turns a code and its context into an explanation and a fix. Two rules of KNOWLEDGE.md come before the catalogue: a VM's
/// failed checkpoint points at the VM's disk layout (§3), a failed restore from a share at the path length (§1). A code the
/// catalogue lacks is still decoded from its parts.
/// </summary>
public static class ErrorDecoder
{
    /// <exception cref="ArgumentException">The context's code is not a code (<see cref="ErrorCodes.WhatACodeLooks"/>).</exception>
    public static DecodedError Decode(ErrorContext context)
    {
        var code = ErrorCodes.Normalise(context.Code)
            ?? throw new ArgumentException($"'{context.Code}' is not an error code. {ErrorCodes.WhatACodeLooks}", nameof(context));
        return CheckpointLayoutRule.Decode(code, context)
            ?? RestorePathRule.Decode(code, context)
            ?? (ErrorCatalogue.Find(code) is { } known ? FromCatalogue(known, context) : UncataloguedCode.Decode(code, context));
    }

    /// <param name="vmName">The VM the run's text names, for the commands that take one.</param>
    internal static DecodedError FromCatalogue(KnownError known, ErrorContext context, string? vmName = null)
    {
        string Fill(string text) => Placeholders.Fill(text, context.TargetPath, context.ComputerName, vmName);
        var (causes, confirming) = FindingEvidence.Weigh(known.Causes, context.Findings, Fill);
        var confirmed = confirming.Count == 0 ? "" : $" This host's checks point at a cause: {string.Join(", ", confirming.Select(f => f.Check).Distinct())}.";
        return new DecodedError(known.Code, known.Symbol, known.WindowsText.Length > 0 ? known.WindowsText : known.Meaning,
            Fill(known.Meaning) + confirmed, causes, FindingEvidence.FixFirst(confirming, Fill(known.Fix)), confirming, Catalogued: true);
    }
}
