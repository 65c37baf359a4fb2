namespace BackupFleet.Agent.Platform;

/// <summary>Runs wbadmin.exe. The arguments come from <see cref="Wbadmin.WbadminCommand"/>, the output goes through <see cref="Wbadmin.WbadminOutputParser"/>.</summary>
public interface IWindowsBackup
{
    /// <summary>
    /// Runs wbadmin with <paramref name="args"/>, passing each output line as it arrives, and returns its exit code.
    /// Cancellation stops it promptly and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<int> RunWbadminAsync(IReadOnlyList<string> args, Action<string> onOutputLine, CancellationToken ct);
}
