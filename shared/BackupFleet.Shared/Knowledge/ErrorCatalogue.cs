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
    public static KnownError? Find(string? code) => ErrorCodes.Normalise(code) is { } key ? ByCode.GetValueOrDefault(key) : null;
}
