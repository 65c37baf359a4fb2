namespace BackupFleet.Shared.Checks;

/// <summary>Severities as the API, the CLI and the dashboard write them: "error", "warning", "info".</summary>
public static class FindingSeverities
{
    public static string Name(FindingSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>Reads a name in any case; numbers are refused, so that a query string cannot name a severity that does not exist.</summary>
    public static bool TryParse(string? value, out FindingSeverity severity) =>
        Enum.TryParse(value, ignoreCase: true, out severity) && Enum.IsDefined(severity) && !int.TryParse(value, out _);
}
