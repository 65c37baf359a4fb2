namespace BackupFleet.Agent.Platform;

/// <summary>Runs wbadmin.exe. The arguments come from <see cref="Wbadmin.WbadminCommand"/>, the output goes through <see cref="Wbadmin.WbadminOutputParser"/>.</summary>
public interface IWindowsBackup
{
    /// <summary>
    /// Runs wbadmin with <paramref name="args"/>, passing each output line as it arrives, and returns its exit code.
    /// Cancellation stops it promptly and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<int> RunWbadminAsync(IReadOnlyList<string> args, Action<string> onOutputLine, CancellationToken ct);

    /// <summary>
    /// The output of <c>wbadmin get versions -backupTarget:<paramref name="driveLetter"/></c> (windows-outputs.md §2), for
    /// <see cref="Wbadmin.WbadminVersionsParser"/>. The target's volume must be online at that letter.
    /// </summary>
    /// <exception cref="IOException">wbadmin failed; the message carries its error line.</exception>
    Task<IReadOnlyList<string>> GetVersionsAsync(string driveLetter, CancellationToken ct);

    /// <summary>The Microsoft-Windows-Backup events written from <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    Task<IReadOnlyList<WindowsBackupEvent>> GetEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
