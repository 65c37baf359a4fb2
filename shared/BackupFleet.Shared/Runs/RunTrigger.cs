namespace BackupFleet.Shared.Runs;

public enum RunTrigger
{
    Schedule,
    Manual,
}
