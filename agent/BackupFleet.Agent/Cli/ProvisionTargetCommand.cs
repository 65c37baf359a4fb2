using BackupFleet.Agent.Platform;
using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.Platform.Windows.PowerShell;
using BackupFleet.Agent.Provisioning;
using BackupFleet.Agent.WindowsService;

namespace BackupFleet.Agent.Cli;

/// <summary><c>provision-target</c>: the one-time setup of a host's backup VHDX on the share (KNOWLEDGE.md §2) as one command.</summary>
internal static class ProvisionTargetCommand
{
    public const string WindowsOnly =
        "'provision-target' creates the VHDX with the Hyper-V and Storage cmdlets and works only on Windows (Server, with Hyper-V). "
        + "Run it on the host the disk is for.";

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, ServiceEnvironment machine, CancellationToken ct)
    {
        // The plan is checked first, so a wrong path or size is named even where the command cannot run.
        var plan = ProvisioningPlanner.Plan(args["vhdx"]!, args["size"]!, args["letter"], args["label"], Environment.MachineName);
        if (!machine.IsWindows)
            throw new PlatformUnavailableException(WindowsOnly);
        var tools = WindowsTools.FromSystemDirectory(machine.SystemDirectory);
        await new TargetProvisioner(new WindowsPowerShell(machine.Runner, tools.PowerShellPath), stdout.WriteLine).RunAsync(plan, ct);
        return ExitCodes.Ok;
    }
}
