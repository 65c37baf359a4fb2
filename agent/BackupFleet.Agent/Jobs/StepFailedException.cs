using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Jobs;

/// <summary>A step ended the run; its StepFailed event has already been sent.</summary>
internal sealed class StepFailedException(BackupStep step, string message, string? errorCode = null) : Exception(message)
{
    public BackupStep Step { get; } = step;

    public string? ErrorCode { get; } = errorCode;
}
