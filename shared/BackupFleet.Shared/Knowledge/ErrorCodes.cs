using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupFleet.Shared.Knowledge;

/// <summary>Codes written one way, whatever form a person, an event or a tool used.</summary>
public static partial class ErrorCodes
{
    public const string WhatACodeLooks =
        "An error code looks like 0x80070002, 80070002, 2147942402 or -2147024894 (an HRESULT, in hex or as a decimal number), "
        + "or source/number for an event or a Hyper-V job result: Backup/517, VMMS/19100, VSS/8193, Hyper-V/32768.";

    [GeneratedRegex(@"^\s*(?<source>[A-Za-z][A-Za-z-]*)/(?<id>\d{1,5})\s*$")]
    private static partial Regex SourceAndNumber();

    /// <summary>"0x80070002" for an HRESULT in any form, "Microsoft-Windows-Backup/517" for an event; null for anything else.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
            return null;
        if (HResults.FromTyped(input) is { } hresult)
            return hresult;
        var m = SourceAndNumber().Match(input);
        return m.Success && EventSources.Canonical(m.Groups["source"].Value) is { } source
            ? $"{source}/{int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture)}"
            : null;
    }

    public static bool IsHResult(string code) => code.StartsWith("0x", StringComparison.Ordinal);

    /// <summary>The value of a normalised HRESULT ("0x80070002" → 0x80070002).</summary>
    public static uint Value(string hresult) => uint.Parse(hresult.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
