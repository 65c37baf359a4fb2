namespace BackupFleet.Agent.Cli;

public static class CliUsage
{
    public const string Text = """
        Usage:
          BackupFleet.Agent enroll --server URL --token TOKEN [--state-dir DIR] [--simulate SCENARIO.json]
          BackupFleet.Agent run [--state-dir DIR] [--simulate SCENARIO.json]
          BackupFleet.Agent install --server URL --token TOKEN [--state-dir DIR]
          BackupFleet.Agent uninstall [--state-dir DIR] [--purge]
          BackupFleet.Agent provision-target --vhdx \\NAS\SHARE\HOST.vhdx --size 5.3TB [--letter B:] [--label "Backup Disk"]
          BackupFleet.Agent check --inventory FILE [--format text|json]
          BackupFleet.Agent explain CODE [--context backup|checkpoint|restore] [--format text|json]

        Commands:
          enroll    trade a single-use enrollment token (from the server) for this host's credential,
                    stored in DIR/agent.json
          run       connect to the server and run the backups it sends, until Ctrl-C or the service stops;
                    logs go to the console and to DIR/logs
          install   (Windows, elevated) enroll, then register and start the automatic-start service
                    BackupFleetAgent that runs this executable with 'run --state-dir DIR'
          uninstall (Windows, elevated) stop and delete the service; DIR is kept unless --purge
          provision-target (Windows, Hyper-V) create the backup target once: a fixed VHDX grown 2 TB at a time,
                    GPT, one NTFS volume with 64 KB allocation units, then dismounted
          check     (any OS) run the host checks over an inventory file, such as scripts/Get-BackupFleetInventory.ps1
                    writes, and print each finding with its fix; exit 1 when one is an error, 2 when FILE cannot be read
          explain   what an error code of Windows Server Backup, VSS or Hyper-V means and what to do, offline; CODE is an
                    HRESULT (0x80070002, 80070002, 2147942402, -2147024894) or source/number (Backup/517, VMMS/19100,
                    VSS/8193, Hyper-V/32768)

        Options:
          --server URL           the server's address, e.g. http://backup-server:5080
          --token TOKEN          the enrollment token created on the server
          --state-dir DIR        where agent.json lives; default $BACKUPFLEET_AGENT_STATE, else
                                 %ProgramData%\BackupFleet\Agent on Windows, ~/.local/share/backupfleet-agent elsewhere
          --simulate FILE        play the scenario FILE instead of driving Windows (a SIMULATED host, labelled as such)
          --purge                also delete DIR: the credential and the logs
          --vhdx PATH            the new VHDX on the NAS share (UNC, .vhdx, must not exist yet)
          --size SIZE            e.g. 5.3TB, 4096GB (binary units, as PowerShell reads them); at most 64TB
          --letter L:            where the new volume is formatted (default B:)
          --label TEXT           the volume label (default "Backup Disk")
          --inventory FILE       a host inventory (shared/reference/inventory.md)
          --context WHAT         what was running when the code came: backup, checkpoint (a Hyper-V VM) or restore
          --format text|json     how check and explain print (default text); check's json is an array of
                                 { "check", "severity", "subject", "message", "fix" }

        Exit codes: 0 ok, 1 failure, 2 wrong command line.
        """;
}
