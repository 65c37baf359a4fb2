using System.Text;
using BackupFleet.Agent.Platform.Windows.Processes;

namespace BackupFleet.Agent.Platform.Windows.PowerShell;

/// <summary>Runs small scripts in Windows PowerShell 5.1 (powershell.exe) and reads their JSON.</summary>
/// <param name="exePath">Full path of powershell.exe.</param>
public sealed class WindowsPowerShell(IProcessRunner runner, string exePath)
{
    // Mount-VHD and Get-VHD on a slow NAS can take a while; a hung call must still end.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs a script ending in <c>ConvertTo-Json -Depth 4 -Compress</c> and returns the objects it printed.</summary>
    /// <param name="what">What the script does, for error messages, e.g. "Mount-VHD".</param>
    /// <exception cref="PowerShellException">The script failed; the message is PowerShell's.</exception>
    public async Task<IReadOnlyList<PsObject>> QueryAsync(string what, string script, CancellationToken ct) =>
        PowerShellJson.Parse(await RunAsync(what, script, ct), what);

    /// <summary>Runs a script and returns its stdout lines.</summary>
    /// <exception cref="PowerShellException">The script failed; the message is PowerShell's.</exception>
    public Task<IReadOnlyList<string>> RunAsync(string what, string script, CancellationToken ct) => RunAsync(what, script, DefaultTimeout, ct);

    /// <summary>Runs a script and returns its stdout lines.</summary>
    /// <param name="timeout">Longest the script may run; null for no limit (a fixed VHDX on a NAS can take hours).</param>
    /// <exception cref="PowerShellException">The script failed; the message is PowerShell's.</exception>
    public async Task<IReadOnlyList<string>> RunAsync(string what, string script, TimeSpan? timeout, CancellationToken ct)
    {
        var request = new ProcessRequest(exePath, PowerShellCommand.Arguments(script), timeout, OutputEncoding: new UTF8Encoding(false));
        var result = await runner.RunAsync(request, ct);
        var errors = CliXmlErrors.Text(result.Errors);
        if (result.ExitCode != 0)
            throw new PowerShellException($"{what} failed: {(errors.Length > 0 ? errors : $"powershell.exe exited with code {result.ExitCode} and printed no error.")}",
                result.ExitCode);
        // With ErrorActionPreference Stop every error ends the script, so error text with exit 0 means something slipped past it.
        if (errors.Length > 0)
            throw new PowerShellException($"{what} failed: {errors}", result.ExitCode);
        return result.Output;
    }
}
