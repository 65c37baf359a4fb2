using BackupFleet.Agent.Cli;
using BackupFleet.Agent.Platform.Windows.Processes;

namespace BackupFleet.Agent.WindowsService;

/// <summary>
/// Registers, starts, stops and deletes the agent's service with sc.exe. Decisions rest on sc.exe's exit code, which is the
/// Win32 error code and the same in every language; its text output is only shown in error messages.
/// </summary>
public sealed class ServiceControl(ServiceEnvironment machine, TimeSpan pollInterval, TimeSpan removalTimeout)
{
    // Win32 error codes that sc.exe returns as its exit code.
    private const int AccessDenied = 5;
    private const int ServiceCannotAcceptControl = 1061; // stopping already
    private const int ServiceNotActive = 1062;
    private const int ServiceDoesNotExist = 1060;
    private const int ServiceMarkedForDelete = 1072;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    // After a failure the SCM restarts the agent after 1 min, 1 min, then 5 min; the count resets after a day without one.
    private const string FailureResetSeconds = "86400";
    private const string FailureActions = "restart/60000/restart/60000/restart/300000";

    // Longer than the agent's own shutdown time, in which a cancelled backup still dismounts.
    public static readonly TimeSpan DefaultRemovalTimeout = RunCommand.ShutdownTimeout + TimeSpan.FromMinutes(1);

    public ServiceControl(ServiceEnvironment machine) : this(machine, TimeSpan.FromSeconds(1), DefaultRemovalTimeout)
    {
    }

    private string ScExe => Path.Combine(machine.SystemDirectory, "sc.exe");

    public async Task<bool> IsInstalledAsync(CancellationToken ct)
    {
        var result = await ScAsync(["query", AgentService.Name], ct);
        return result.ExitCode switch
        {
            0 => true,
            ServiceDoesNotExist => false,
            _ => throw Failed(["query", AgentService.Name], result),
        };
    }

    /// <summary>Creates the automatic-start service running <c>agent run --state-dir DIR</c> (as LocalSystem), sets its description and restart-on-failure, and starts it.</summary>
    public async Task InstallAsync(string stateDirectory, CancellationToken ct)
    {
        var binPath = WindowsCommandLine.Join([machine.AgentExePath, "run", "--state-dir", stateDirectory]);
        // sc.exe wants each "name=" as its own argument and the value as the next one.
        await RequireAsync(["create", AgentService.Name, "binPath=", binPath, "start=", "auto", "DisplayName=", AgentService.DisplayName], ct);
        await RequireAsync(["description", AgentService.Name, AgentService.Description], ct);
        await RequireAsync(["failure", AgentService.Name, "reset=", FailureResetSeconds, "actions=", FailureActions], ct);
        // Without this flag the restart actions apply only to a crash, not to the agent stopping itself with an error.
        await RequireAsync(["failureflag", AgentService.Name, "1"], ct);
        await RequireAsync(["start", AgentService.Name], ct);
    }

    /// <summary>Stops and deletes the service and waits until it is gone, so its executable and state files are free.</summary>
    /// <returns>False when there was no such service.</returns>
    public async Task<bool> RemoveAsync(CancellationToken ct)
    {
        if (!await IsInstalledAsync(ct))
            return false;
        string[] stop = ["stop", AgentService.Name];
        var stopped = await ScAsync(stop, ct);
        if (stopped.ExitCode is not (0 or ServiceNotActive or ServiceCannotAcceptControl))
            throw Failed(stop, stopped);
        string[] delete = ["delete", AgentService.Name];
        var deleted = await ScAsync(delete, ct);
        if (deleted.ExitCode is not (0 or ServiceMarkedForDelete))
            throw Failed(delete, deleted);

        // The SCM removes a service marked for deletion once it has stopped (a running backup dismounts first).
        var deadline = DateTimeOffset.UtcNow + removalTimeout;
        while (await IsInstalledAsync(ct))
        {
            if (DateTimeOffset.UtcNow >= deadline)
                throw new ServiceCommandException($"The service {AgentService.Name} is marked for deletion but has not gone within "
                    + $"{removalTimeout.TotalMinutes:0.#} minutes. It goes once it has stopped and no program holds it open (close the Services console).");
            await Task.Delay(pollInterval, ct);
        }
        return true;
    }

    private async Task RequireAsync(string[] arguments, CancellationToken ct)
    {
        var result = await ScAsync(arguments, ct);
        if (result.ExitCode != 0)
            throw Failed(arguments, result);
    }

    private Task<ProcessResult> ScAsync(string[] arguments, CancellationToken ct) =>
        machine.Runner.RunAsync(new ProcessRequest(ScExe, arguments, CommandTimeout), ct);

    private ServiceCommandException Failed(string[] arguments, ProcessResult result)
    {
        var said = string.Join(' ', result.Output.Concat(result.Errors).Select(l => l.Trim()).Where(l => l.Length > 0));
        var hint = result.ExitCode == AccessDenied ? " Run it from an elevated prompt ('Run as administrator')." : "";
        return new ServiceCommandException($"sc.exe {arguments[0]} {AgentService.Name} failed with code {result.ExitCode}: {said}{hint}");
    }
}
