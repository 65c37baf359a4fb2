using BackupFleet.Shared.DataFiles;
using BackupFleet.Agent.Enrollment;
using BackupFleet.Agent.Platform;
using BackupFleet.Agent.Platform.Windows.Processes;
using BackupFleet.Agent.Provisioning;
using BackupFleet.Agent.WindowsService;

namespace BackupFleet.Agent.Cli;

/// <summary>The command line: parses, runs the command, and turns every known failure into a clear message and exit code.</summary>
public static class AgentCli
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default) =>
        RunAsync(args, stdout, stderr, ServiceEnvironment.Current, ct);

    /// <param name="machine">What install and uninstall act on; tests give a fake.</param>
    internal static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<ServiceEnvironment> machine,
        CancellationToken ct)
    {
        try
        {
            var parsed = CliArguments.Parse(args);
            return parsed.Command switch
            {
                CliArguments.Enroll => await EnrollCommand.RunAsync(parsed, stdout, ct),
                CliArguments.Run => await RunCommand.RunAsync(parsed, ct),
                CliArguments.Install => await InstallCommand.RunAsync(parsed, stdout, machine(), ct),
                CliArguments.Uninstall => await UninstallCommand.RunAsync(parsed, stdout, machine(), ct),
                CliArguments.ProvisionTarget => await ProvisionTargetCommand.RunAsync(parsed, stdout, machine(), ct),
                CliArguments.Check => CheckCommand.Run(parsed, stdout, stderr),
                CliArguments.Explain => ExplainCommand.Run(parsed, stdout),
                _ => Help(stdout),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine();
            stderr.WriteLine(CliUsage.Text);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is PlatformUnavailableException or NotEnrolledException or DataFileException or IOException
                                       or UnauthorizedAccessException or EnrollmentFailedException or ServiceCommandException
                                       or ProcessTimeoutException or ProvisioningException)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.Failure;
        }
        catch (HttpRequestException e)
        {
            stderr.WriteLine($"Could not reach the server: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            stderr.WriteLine("The server did not answer in time.");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine("Cancelled.");
            return ExitCodes.Failure;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(CliUsage.Text);
        return ExitCodes.Ok;
    }
}
