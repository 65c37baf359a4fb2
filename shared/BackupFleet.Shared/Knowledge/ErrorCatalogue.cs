using BackupFleet.Shared.Knowledge.Catalogue;

namespace BackupFleet.Shared.Knowledge;

/// <summary>Every code the knowledge base describes, one family a file under Catalogue/, looked up in any written form.</summary>
public static class ErrorCatalogue
{
    public static readonly IReadOnlyList<KnownError> All =
        [.. Win32Errors.All, .. VssErrors.All, .. WsbErrors.All, .. BackupEvents.All, .. VssEvents.All, .. HyperVErrors.All];

    // ToDictionary throws on a code listed twice, so a duplicate fails the first lookup (and the tests), not silently.
    private static readonly Dictionary<string, KnownError> ByCode = All.ToDictionary(e => e.Code, StringComparer.Ordinal);

    /// <summary>The entry for a code in any form <see cref="ErrorCodes.Normalise"/> reads; null when it is not catalogued.</summary>
    /// <summary>
    /// The HRESULT whose Windows text <paramref name="text"/> quotes ("Error: The writer experienced a non-transient error…"),
    /// for the messages Windows prints without the code; the longest quoted text wins. Null when none is quoted.
    /// </summary>
    public static string? CodeQuotedIn(string text) => All
        .Where(e => e.Code.StartsWith("0x", StringComparison.Ordinal) && e.WindowsText.Length >= MinQuotedText
            && text.Contains(e.WindowsText.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
        .MaxBy(e => e.WindowsText.Length)?.Code;

    // Short texts ("Access is denied.") appear inside other sentences; only a whole distinctive message identifies its code.
    private const int MinQuotedText = 30;

    public static KnownError? Find(string? code) => ErrorCodes.Normalise(code) is { } key ? ByCode.GetValueOrDefault(key) : null;
}
