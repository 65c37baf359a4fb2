namespace BackupFleet.Agent.Wbadmin;

/// <summary>What one wbadmin run came to, read from its exit code and output.</summary>
/// <param name="ErrorCode">The HRESULT that ended it ("0x80780119"), when the output or exit code carried one.</param>
/// <param name="ErrorMessage">The line that says what went wrong, null on success.</param>
/// <param name="LogFiles">The log files wbadmin named (successes and failures).</param>
/// <param name="SkippedComponents">Components (Hyper-V VMs) the snapshot skipped: absent from the backup even when it succeeds.</param>
public sealed record WbadminResult(
    bool Succeeded,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<string> LogFiles,
    IReadOnlyList<string> SkippedComponents,
    string? SkippedErrorCode = null);
