namespace BackupFleet.Agent.Platform.Windows.Processes;

/// <summary>A program ran past its time limit and was killed with all its children; carries what it had printed.</summary>
public sealed class ProcessTimeoutException(ProcessRequest request, ProcessResult partial)
    : TimeoutException($"{Path.GetFileName(request.FileName)} did not finish within {request.Timeout?.TotalSeconds:0.#} s and was stopped.")
{
    public ProcessResult Partial { get; } = partial;
}
