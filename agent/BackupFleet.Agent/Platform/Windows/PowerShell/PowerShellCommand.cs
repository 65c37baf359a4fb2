using BackupFleet.Shared.Paths;
using System.Text;
using BackupFleet.Shared.PowerShell;

namespace BackupFleet.Agent.Platform.Windows.PowerShell;

/// <summary>The powershell.exe command line for one script (Windows PowerShell 5.1, which every Windows Server has).</summary>
public static class PowerShellCommand
{
    /// <summary>
    /// Wraps every script. Errors stop the script and come out as their plain message on stderr with exit code 1;
    /// written this way, not through the error stream, so they are not serialised as CLIXML. Progress bars are off
    /// (they too come out as CLIXML), and stdout is UTF-8 so paths with accents survive (the default is the OEM code page).
    /// </summary>
    private const string Prologue = """
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        try {
        [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false

        """;

    private const string Epilogue = """

        } catch {
        [Console]::Error.WriteLine($_.Exception.Message)
        exit 1
        }
        """;

    /// <summary>
    /// -EncodedCommand (base64 of UTF-16LE) carries the script as one argument with no quoting at all, so nothing in
    /// it can be split or expanded by the command line; values inside it are <see cref="PowerShellLiteral"/>s.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string script) =>
        ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", Encode(Wrap(script))];

    public static string Wrap(string script) => Prologue + script + Epilogue;

    public static string Encode(string script) => Convert.ToBase64String(Encoding.Unicode.GetBytes(script));
}
