using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BackupFleet.Agent.Platform.Windows.PowerShell;

/// <summary>
/// One object from PowerShell's JSON, read leniently: Windows PowerShell 5.1 writes enums as numbers, Storage-module
/// fields sometimes as names, dates as "/Date(ms)/", and one-element lists as a bare object (windows-outputs.md §6).
/// </summary>
public readonly partial struct PsObject(JsonElement element, string what)
{
    // 5.1 writes a DateTime as "\/Date(1710468000000)\/" (ms since 1970, UTC); an offset suffix is tolerated, unverified.
    [GeneratedRegex(@"^/Date\((-?\d+)([+-]\d{4})?\)/$")]
    private static partial Regex MsDate();

    private JsonElement Element { get; } = element;

    private JsonElement? Find(string field) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public InvalidDataException Error(string field, string problem) => new($"{what}: '{field}' {problem}");

    public string? String(string field) => Find(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { } e => e.GetRawText(),
    };

    public string RequiredString(string field) => String(field) is { Length: > 0 } s ? s : throw Error(field, "is missing or empty.");

    public long? Int64(string field) => Find(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.String } e when long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        { } e => throw Error(field, $"is not a whole number: {e.GetRawText()}."),
    };

    public long RequiredInt64(string field) => Int64(field) ?? throw Error(field, "is missing.");

    public bool? Bool(string field) => Find(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } e => throw Error(field, $"is not true or false: {e.GetRawText()}."),
    };

    /// <summary>A Char16 drive letter: "C" in 5.1, "\u0000" for none; a number (67) or null also accepted (unverified forms).</summary>
    public char? DriveLetter(string field)
    {
        var letter = Find(field) switch
        {
            null => '\0',
            { ValueKind: JsonValueKind.String } e => e.GetString() is { Length: 1 } s ? s[0] : e.GetString() is { Length: 0 } ? '\0' : '?',
            { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var n) && n is >= 0 and <= char.MaxValue => (char)n,
            _ => '?',
        };
        if (letter == '\0')
            return null;
        return char.IsAsciiLetter(letter) ? char.ToUpperInvariant(letter) : throw Error(field, $"is not a drive letter: {Find(field)?.GetRawText()}.");
    }

    /// <summary>"/Date(ms)/" as 5.1 writes a DateTime, or an ISO 8601 string as PowerShell 7 and projected fields do.</summary>
    public DateTimeOffset? Date(string field)
    {
        if (String(field) is not { } text)
            return null;
        if (MsDate().Match(text) is { Success: true } m)
            return DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw Error(field, $"is not a date: '{text}'.");
    }

    /// <summary>A list of strings: an array, one bare string, or null when missing.</summary>
    public IReadOnlyList<string>? Strings(string field) => Find(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText()).ToList(),
        { ValueKind: JsonValueKind.String } e => [e.GetString()!],
        { } e => throw Error(field, $"is not a list of strings: {e.GetRawText()}."),
    };
}
