using BackupFleet.Shared.Paths;
using BackupFleet.Shared.PowerShell;

namespace BackupFleet.Shared.Restore;

/// <summary>A wbadmin "-name:value" argument as written in PowerShell, which passes it on to wbadmin as one argument.</summary>
public static class WbadminArgument
{
    /// <summary>
    /// "-items:SQL01", or "-items:'SQL 01'" when PowerShell would read something in the value as syntax. Null when no command
    /// line can carry the value: wbadmin splits -items at commas, and a double quote does not survive Windows PowerShell 5.1's
    /// passing of arguments to a program.
    /// </summary>
    public static string? Of(string name, string value)
    {
        if (value.Length == 0 || value.Any(c => c is '"' or ',' || char.IsControl(c)))
            return null;
        return value.All(IsPlain) ? $"-{name}:{value}" : $"-{name}:{PowerShellLiteral.Quote(value)}";
    }

    // Characters PowerShell passes on as they are in a bare argument; anything else (space, quote, $, `, ;, &, |, (), {}, @, #) is quoted.
    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '\\' or '/';
}
