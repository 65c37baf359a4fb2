namespace BackupFleet.Agent.Platform.Windows.Processes;

/// <summary>Runs one external program (wbadmin.exe, powershell.exe); the seam that tests replace with recorded outputs.</summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs the program to its end and returns its exit code and output. On time-out or cancellation the whole process
    /// tree is killed first; then <see cref="ProcessTimeoutException"/> or <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct);
}
