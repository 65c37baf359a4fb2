using System.Runtime.Versioning;
using System.Security.Principal;
using BackupFleet.Agent.Platform.Windows.Processes;

namespace BackupFleet.Agent.WindowsService;

/// <summary>What install and uninstall need from the machine; tests pass a fake runner and pretend to be an elevated Windows.</summary>
/// <param name="SystemDirectory">Where sc.exe and icacls.exe are, so that nothing on PATH can stand in for them.</param>
/// <param name="AgentExePath">The agent's own executable, which the service will run.</param>
public sealed record ServiceEnvironment(bool IsWindows, bool IsElevated, IProcessRunner Runner, string SystemDirectory, string AgentExePath)
{
    public static ServiceEnvironment Current() => new(
        OperatingSystem.IsWindows(),
        OperatingSystem.IsWindows() && IsAdministrator(),
        new ProcessRunner(),
        Environment.SystemDirectory,
        Environment.ProcessPath ?? Path.Combine(AppContext.BaseDirectory, "BackupFleet.Agent.exe"));

    /// <exception cref="ServiceCommandException">Not Windows, or not elevated.</exception>
    public void EnsureCanManageServices(string command)
    {
        if (!IsWindows)
            throw new ServiceCommandException($"'{command}' manages a Windows service and works only on Windows. "
                + "Elsewhere, enroll with 'BackupFleet.Agent enroll' and start 'BackupFleet.Agent run' from your service manager (systemd, say).");
        if (!IsElevated)
            throw new ServiceCommandException($"'{command}' needs an elevated prompt: run it from a PowerShell or cmd opened with 'Run as administrator'.");
    }

    [SupportedOSPlatform("windows")]
    private static bool IsAdministrator()
    {
        using var identity = WindowsIdentity.GetCurrent();
        return new WindowsPrincipal(identity).IsInRole(WindowsBuiltInRole.Administrator);
    }
}
