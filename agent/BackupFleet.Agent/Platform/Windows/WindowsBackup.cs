using BackupFleet.Agent.Platform.Windows.PowerShell;
using BackupFleet.Agent.Platform.Windows.Processes;
using BackupFleet.Agent.Wbadmin;

namespace BackupFleet.Agent.Platform.Windows;

/// <summary>wbadmin.exe, its output lines (stdout and stderr) passed on as they come; the backup's event log through PowerShell.</summary>
public sealed class WindowsBackup(IProcessRunner runner, WindowsTools tools) : IWindowsBackup
{
    public static readonly IReadOnlyList<string> StopJobArguments = ["stop", "job", "-quiet"];

    private static readonly TimeSpan StopJobTimeout = TimeSpan.FromMinutes(2);

    // Listing reads the target's catalogue only; a NAS that takes longer than this is not going to answer.
    private static readonly TimeSpan GetVersionsTimeout = TimeSpan.FromMinutes(2);

    private readonly WindowsBackupEvents _events = new(new WindowsPowerShell(runner, tools.PowerShellPath));

    public async Task<int> RunWbadminAsync(IReadOnlyList<string> args, Action<string> onOutputLine, CancellationToken ct)
    {
        // No time limit: a first full backup to a NAS takes most of a day (KNOWLEDGE.md §2); the run is cancelled from the server.
        var request = new ProcessRequest(tools.WbadminPath, args, null, onOutputLine, onOutputLine, OemEncoding.Current());
        try
        {
            return (await runner.RunAsync(request, ct)).ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await StopJobAsync(onOutputLine);
            throw;
        }
    }

    /// <summary>Unverified: what wbadmin prints and exits with for a target without versions; a non-zero exit is taken as failure.</summary>
    public async Task<IReadOnlyList<string>> GetVersionsAsync(string driveLetter, CancellationToken ct)
    {
        var request = new ProcessRequest(tools.WbadminPath, WbadminCommand.GetVersions(driveLetter), GetVersionsTimeout, OutputEncoding: OemEncoding.Current());
        var result = await runner.RunAsync(request, ct);
        var lines = result.Output.Concat(result.Errors).ToList();
        if (result.ExitCode != 0)
            throw new IOException($"wbadmin get versions exited with code {result.ExitCode}: {WbadminOutputParser.FailureMessage(lines) ?? "no error printed."}");
        return lines;
    }

    public Task<IReadOnlyList<WindowsBackupEvent>> GetEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        _events.ReadAsync(from, to, ct);

    /// <summary>
    /// wbadmin.exe is only the client: the backup runs in the wbengine service and, unverified, goes on after the client
    /// is killed. "wbadmin stop job" asks the engine to stop it, so the disk is released and can be dismounted.
    /// </summary>
    private async Task StopJobAsync(Action<string> onOutputLine)
    {
        try
        {
            var request = new ProcessRequest(tools.WbadminPath, StopJobArguments, StopJobTimeout, onOutputLine, onOutputLine, OemEncoding.Current());
            var result = await runner.RunAsync(request, CancellationToken.None);
            onOutputLine($"wbadmin stop job exited with code {result.ExitCode}.");
        }
        catch (Exception e)
        {
            onOutputLine("wbadmin stop job failed: " + e.Message);
        }
    }
}
