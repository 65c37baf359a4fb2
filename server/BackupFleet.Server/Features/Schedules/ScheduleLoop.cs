using BackupFleet.Server.Features.Runs;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Schedules;

/// <summary>
/// Looks for due schedules every <see cref="ScheduleOptions.PollInterval"/> on every node (the row locks decide which node
/// fires what) and fires full batches back to back, so a nightly wave does not wait a poll per batch.
/// </summary>
public sealed class ScheduleLoop(IServiceScopeFactory scopes, SchedulerDatabase database, IOptions<ScheduleOptions> options, ILogger<ScheduleLoop> log)
    : BackgroundService
{
    // After a failure (the database away) the next try waits longer, so the log is not flooded every second.
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = options.Value.PollInterval;
                try
                {
                    while ((await FireBatchAsync(stoppingToken)).Count >= options.Value.BatchSize)
                    {
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogError("Firing due backup schedules failed ({Error}); trying again in {Wait}", e.Message, AfterFailure);
                    wait = AfterFailure;
                }
                await Task.Delay(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<IReadOnlyList<Guid>> FireBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = database.Create();
        var dispatcher = ActivatorUtilities.CreateInstance<RunDispatcher>(scope.ServiceProvider, db);
        return await ActivatorUtilities.CreateInstance<DueScheduleFirer>(scope.ServiceProvider, db, dispatcher).FireDueAsync(ct);
    }
}
