using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Jobs;

/// <summary>How a run ended, as it goes into the run's completion.</summary>
/// <param name="ErrorCode">The HRESULT as "0x80780119" when the failure carried one.</param>
public sealed record JobOutcome(RunState State, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>What Windows Server Backup reported writing to the target, when it did (see <see cref="Platform.WindowsBackupEvent.BytesTransferred"/>).</summary>
    public long? BytesTransferred { get; init; }

    public static JobOutcome Succeeded { get; } = new(RunState.Succeeded, null, null);

    public static JobOutcome Partial(string message, string? errorCode = null) => new(RunState.Partial, errorCode, message);

    public static JobOutcome Failed(string message, string? errorCode = null) => new(RunState.Failed, errorCode, message);

    public static JobOutcome Cancelled(string message) => new(RunState.Cancelled, null, message);
}
