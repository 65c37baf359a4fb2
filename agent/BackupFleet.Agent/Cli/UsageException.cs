namespace BackupFleet.Agent.Cli;

/// <summary>The command line is wrong; the usage text follows the message.</summary>
public sealed class UsageException(string message) : Exception(message);
