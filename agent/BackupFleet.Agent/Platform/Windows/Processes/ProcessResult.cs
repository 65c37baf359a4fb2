namespace BackupFleet.Agent.Platform.Windows.Processes;

/// <param name="Output">The stdout lines in the order they came, without line ends.</param>
/// <param name="Errors">The stderr lines in the order they came, without line ends.</param>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Errors);
