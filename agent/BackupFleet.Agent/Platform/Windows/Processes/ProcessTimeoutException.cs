namespace BackupFleet.Agent.Platform.Windows.Processes;

/// <summary>A program ran past its time limit and was killed with all its children; carries what it had printed.</summary>
public sealed class ProcessTimeoutException(ProcessRequest request, ProcessResult partial)
    : TimeoutException($"{ProgramName(request.FileName)} did not finish within {request.Timeout?.TotalSeconds:0.#} s and was stopped.")
{
    public ProcessResult Partial { get; } = partial;

    // Split on both separators: a Windows path is read the same on the Linux machines that run the tests.
    private static string ProgramName(string fileName) => fileName[(fileName.LastIndexOfAny(['\\', '/']) + 1)..];
}
