namespace BackupFleet.Server.Infrastructure;

/// <summary>Text a user searches with, made into a database pattern.</summary>
public static class SearchPatterns
{
    /// <summary>An ILIKE pattern matching <paramref name="text"/> anywhere, its own % and _ taken literally.</summary>
    public static string Containing(string text) =>
        "%" + text.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}
