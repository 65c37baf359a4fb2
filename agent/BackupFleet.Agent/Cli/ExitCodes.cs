namespace BackupFleet.Agent.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>check: the inventory file cannot be read. The same code as a wrong command line: what was given is wrong.</summary>
    public const int UnreadableInput = Usage;
}
