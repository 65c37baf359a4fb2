using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Journal;
using BackupFleet.Agent.Logging;
using BackupFleet.Agent.Platform;
using BackupFleet.Agent.WindowsService;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Cli;

/// <summary>
/// <c>run</c>: the agent as a Generic Host, a console program on Linux and a Windows Service under the SCM.
/// Logs go to the console, to DIR/logs, and under the SCM also to the Application event log (warnings and errors).
/// </summary>
internal static class RunCommand
{
    // Long enough for a cancelled run to dismount (AgentTimings.DismountTimeout) and report its end.
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMinutes(3);

    public const string LogsFolder = "logs";

    public static async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        var stateDir = StateDirectory.Resolve(args["state-dir"]);
        var lastJob = new LastJobFile(stateDir);
        var platform = HostPlatforms.Create(args["simulate"], ServiceEnvironment.Current(), lastJob.TryTargetPath, stateDir);
        var state = AgentState.Load(stateDir);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [], // our options are not configuration keys
            ApplicationName = "BackupFleet.Agent",
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The HostApplicationBuilder form of UseWindowsService(): service lifetime and event log under the SCM, nothing elsewhere.
        builder.Services.AddWindowsService(o => o.ServiceName = AgentService.Name);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });
        var logs = Path.Combine(stateDir, LogsFolder);
        builder.Services.AddSingleton<ILoggerProvider>(_ => new FileLoggerProvider(logs, TimeProvider.System));
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(platform);
        builder.Services.AddSingleton(lastJob);
        builder.Services.AddSingleton(_ => RunJournal.Open(stateDir));
        builder.Services.AddHostedService<AgentWorker>();

        using var host = builder.Build();
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BackupFleet.Agent");
        if (platform.IsSimulated)
            log.LogWarning("{Notice}", SimulatedNotice.For(platform));
        log.LogInformation("BackupFleet agent {Version} for host {HostName} ({HostId}), server {Server}, state in {StateDir}, logs in {Logs}",
            AgentVersion.Current, state.HostName, state.HostId, state.ServerUrl, stateDir, logs);
        await host.RunAsync(ct);
        return ExitCodes.Ok;
    }
}
