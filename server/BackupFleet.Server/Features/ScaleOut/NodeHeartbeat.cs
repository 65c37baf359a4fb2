using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.ScaleOut;

/// <summary>Beats for this node and sweeps for dead ones (<see cref="NodeRegistry"/>); on a clean stop, leaves.</summary>
public sealed class NodeHeartbeat(IServiceScopeFactory scopes, IOptions<ScaleOutOptions> options, ILogger<NodeHeartbeat> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        try
        {
            // The first beat and sweep were made at start (ServerApp.InitializeAsync), before any agent could connect.
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var registry = scope.ServiceProvider.GetRequiredService<NodeRegistry>();
                    // Beat first: after the database was away, this node must not find itself stale and sweep its own agents.
                    await registry.BeatAsync(stoppingToken);
                    await registry.SweepAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning("The server node heartbeat failed ({Error}); trying again in {Interval}", e.Message, options.Value.HeartbeatInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NodeRegistry>().LeaveAsync(cancellationToken);
        }
        catch (Exception e)
        {
            log.LogWarning("Could not sign this server node off ({Error}); the others take it for dead after {Timeout}", e.Message, options.Value.NodeTimeout);
        }
    }
}
