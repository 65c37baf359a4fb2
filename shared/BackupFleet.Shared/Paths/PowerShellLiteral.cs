namespace BackupFleet.Shared.Paths;

/// <summary>Values put into a script as single-quoted literals, which PowerShell never expands ($, `, ; and " are plain text).</summary>
public static class PowerShellLiteral
{
    // PowerShell also ends a single-quoted string at the typographic quotes ‘ ’ ‚ ‛, and reads each doubled as one quote.
    private static readonly char[] SingleQuotes = ['\'', '\u2018', '\u2019', '\u201A', '\u201B'];

    /// <summary>e.g. <c>\\nas\it's $here</c> → <c>'\\nas\it''s $here'</c>.</summary>
    public static string Quote(string value)
    {
        var quoted = new System.Text.StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (Array.IndexOf(SingleQuotes, c) >= 0)
                quoted.Append(c);
            quoted.Append(c);
        }
        return quoted.Append('\'').ToString();
    }
}
