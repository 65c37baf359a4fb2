using BackupFleet.Agent.Platform.Windows.Processes;

namespace BackupFleet.Agent.Platform.Windows;

/// <summary>wbadmin.exe, its output lines (stdout and stderr) passed on as they come.</summary>
public sealed class WindowsBackup(IProcessRunner runner, WindowsTools tools) : IWindowsBackup
{
    public static readonly IReadOnlyList<string> StopJobArguments = ["stop", "job", "-quiet"];

    private static readonly TimeSpan StopJobTimeout = TimeSpan.FromMinutes(2);

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
