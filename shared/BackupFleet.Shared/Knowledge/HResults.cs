using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupFleet.Shared.Knowledge;

/// <summary>
/// Finds HRESULTs in tool output and writes them one way, "0x80780119", which is what the server stores and decodes.
/// Windows prints them as hex in any case, or (event messages) as unsigned decimal: '2155348129' = 0x807800A1.
/// </summary>
public static partial class HResults
{
    [GeneratedRegex(@"(?<![0-9A-Za-z])0[xX]([0-9A-Fa-f]{8})(?![0-9A-Za-z])")]
    private static partial Regex Hex();

    // Decimal codes are only trusted right after "error code", where the Backup events put them; other long numbers are sizes.
    [GeneratedRegex(@"error code\W{0,4}(\d{10})(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex DecimalAfterErrorCode();

    public static string Format(uint value) => "0x" + value.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>The last HRESULT the text names (the last one is the one that ended the operation), normalised; null if none.</summary>
    public static string? FindLast(string text)
    {
        (int Index, string Code)? last = null;
        foreach (Match m in Hex().Matches(text))
            last = (m.Index, Format(uint.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        foreach (Match m in DecimalAfterErrorCode().Matches(text))
        {
            // Only failure codes (severity bit set) count: a small decimal after "error code" is a Win32 code, not an HRESULT.
            if (uint.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0x80000000u
                && (last is null || m.Index > last.Value.Index))
                last = (m.Index, Format(value));
        }
        return last?.Code;
    }

    /// <summary>
    /// A value that is a failure HRESULT on its own, as an event's property holds it: hex ("0x80780119"), unsigned decimal
    /// ("2155348129") or, unverified, signed decimal ("-2139619047"); null for anything else, success codes included.
    /// </summary>
    public static string? FromValue(string value)
    {
        var v = value.Trim();
        if (v.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(v[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return hex >= 0x80000000u ? Format(hex) : null;
        if (uint.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
            return unsigned >= 0x80000000u ? Format(unsigned) : null;
        return int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) && signed < 0 ? Format(unchecked((uint)signed)) : null;
    }

    /// <summary>
    /// A code as a person types it: any form <see cref="FromValue"/> reads, or eight hex digits without "0x" ("80070002"),
    /// as dialogs and articles often print it. Eight digits are read as hex: as a decimal they would be no failure code.
    /// </summary>
    public static string? FromTyped(string value)
    {
        if (FromValue(value) is { } code)
            return code;
        var v = value.Trim();
        return v.Length == 8 && uint.TryParse(v, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0x80000000u
            ? Format(hex)
            : null;
    }

    /// <summary>An exit code that is itself a failure HRESULT (severity bit set), normalised; null otherwise.</summary>
    public static string? FromExitCode(int exitCode) => exitCode < 0 ? Format(unchecked((uint)exitCode)) : null;
}
