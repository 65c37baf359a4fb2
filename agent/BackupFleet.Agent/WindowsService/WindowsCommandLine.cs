using System.Text;

namespace BackupFleet.Agent.WindowsService;

/// <summary>
/// Builds one command-line string the way Windows programs split it again (the MSVC argv rules): needed for a service's
/// binPath, which the SCM stores and later passes as a single string.
/// </summary>
public static class WindowsCommandLine
{
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny([' ', '\t', '"']) < 0)
            return argument;
        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            // Backslashes are literal unless a quote follows them; then each must be doubled and the quote escaped.
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes).Append(c);
            backslashes = 0;
        }
        // Trailing backslashes precede the closing quote, so they are doubled too ("C:\dir\" would swallow the quote).
        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
