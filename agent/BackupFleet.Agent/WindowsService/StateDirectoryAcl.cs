using BackupFleet.Agent.Platform.Windows.Processes;

namespace BackupFleet.Agent.WindowsService;

/// <summary>
/// Lets only SYSTEM (the service's account) and Administrators into the state directory: agent.json holds the credential
/// that lets anyone act as this host, and %ProgramData% is readable by every user.
/// </summary>
public static class StateDirectoryAcl
{
    private const string LocalSystemSid = "*S-1-5-18";
    private const string AdministratorsSid = "*S-1-5-32-544";

    public static async Task RestrictAsync(ServiceEnvironment machine, string stateDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(stateDirectory);
        // (OI)(CI)F: full control, inherited by files and folders below; /inheritance:r drops what the parent grants.
        string[] arguments = [stateDirectory, "/inheritance:r", "/grant:r", $"{LocalSystemSid}:(OI)(CI)F", $"{AdministratorsSid}:(OI)(CI)F"];
        var result = await machine.Runner.RunAsync(
            new ProcessRequest(Path.Combine(machine.SystemDirectory, "icacls.exe"), arguments, TimeSpan.FromSeconds(30)), ct);
        if (result.ExitCode != 0)
            throw new ServiceCommandException($"Could not restrict access to {stateDirectory} (icacls.exe, code {result.ExitCode}): "
                + string.Join(' ', result.Output.Concat(result.Errors).Select(l => l.Trim()).Where(l => l.Length > 0)));
    }
}
