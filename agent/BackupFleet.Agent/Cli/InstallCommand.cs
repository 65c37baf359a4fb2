using BackupFleet.Agent.Platform;
using BackupFleet.Agent.WindowsService;

namespace BackupFleet.Agent.Cli;

/// <summary><c>install</c>: enrolls this host and registers the agent as an automatic-start Windows service.</summary>
internal static class InstallCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, ServiceEnvironment machine, CancellationToken ct)
    {
        var server = EnrollCommand.ServerOption(args);
        machine.EnsureCanManageServices(CliArguments.Install);
        if (Path.GetFileNameWithoutExtension(machine.AgentExePath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            throw new ServiceCommandException("Run install from BackupFleet.Agent.exe itself (the published agent), not through 'dotnet': the service runs this executable.");
        var stateDir = StateDirectory.Resolve(args["state-dir"]);
        // Everything that can refuse does so before the token is spent.
        var services = new ServiceControl(machine);
        if (await services.IsInstalledAsync(ct))
            throw new ServiceCommandException($"The service {AgentService.Name} is already installed. Remove it first with "
                + "'BackupFleet.Agent uninstall' (this keeps the state), then install again.");
        var platform = HostPlatforms.Create(scenarioPath: null, machine);

        await StateDirectoryAcl.RestrictAsync(machine, stateDir, ct);
        await EnrollCommand.EnrollAsync(server, args["token"]!, platform, stateDir, stdout, ct);
        await services.InstallAsync(stateDir, ct);
        stdout.WriteLine($"Installed and started the service {AgentService.Name} ({AgentService.DisplayName}): {machine.AgentExePath} run, "
            + $"state and logs in {stateDir}.");
        return ExitCodes.Ok;
    }
}
