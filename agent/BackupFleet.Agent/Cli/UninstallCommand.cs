using BackupFleet.Agent.WindowsService;

namespace BackupFleet.Agent.Cli;

/// <summary><c>uninstall</c>: stops and deletes the service; the state (credential, logs) stays unless --purge.</summary>
internal static class UninstallCommand
{
    public const string Purge = "purge";

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, ServiceEnvironment machine, CancellationToken ct)
    {
        machine.EnsureCanManageServices(CliArguments.Uninstall);
        var stateDir = StateDirectory.Resolve(args["state-dir"]);
        var removed = await new ServiceControl(machine).RemoveAsync(ct);
        stdout.WriteLine(removed ? $"Removed the service {AgentService.Name}." : $"The service {AgentService.Name} is not installed.");

        if (!args.Has(Purge))
        {
            if (Directory.Exists(stateDir))
                stdout.WriteLine($"Kept the state (credential, logs) in {stateDir}; delete it with --purge.");
            return ExitCodes.Ok;
        }
        if (Directory.Exists(stateDir))
            Directory.Delete(stateDir, recursive: true);
        stdout.WriteLine($"Deleted the state in {stateDir}.");
        return ExitCodes.Ok;
    }
}
