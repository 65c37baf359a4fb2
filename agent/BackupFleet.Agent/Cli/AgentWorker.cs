using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Journal;
using BackupFleet.Agent.Platform;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Cli;

/// <summary>Runs the <see cref="AgentRuntime"/> for the host's lifetime; on stop it cancels the job, lets the dismount finish and flushes.</summary>
internal sealed class AgentWorker(AgentState state, IHostPlatform platform, LastJobFile lastJob, RunJournal journal, ILogger<AgentRuntime> log) : BackgroundService
{
    private AgentRuntime? _runtime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _runtime = new AgentRuntime(new Uri(state.ServerUrl), state.Credential, platform, log, lastJob: lastJob, journal: journal);
        try
        {
            await _runtime.StartAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the first connection succeeded.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_runtime is not null)
            await _runtime.DisposeAsync();
    }
}
