namespace BackupFleet.Agent.Platform.Windows.PowerShell;

/// <summary>A PowerShell command failed; the message is PowerShell's own (e.g. Mount-VHD's), prefixed with what was being done.</summary>
public sealed class PowerShellException(string message, int exitCode) : IOException(message)
{
    public int ExitCode { get; } = exitCode;
}
