using System.Diagnostics;
using BackupFleet.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Findings;

public sealed class FleetCheckOptions
{
    public const string Section = "Checks";

    /// <summary>The fleet rules run on the first change and then at most once per this interval: a nightly wave of runs does not run them per run.</summary>
    public TimeSpan FleetDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The rules also run this often with no change at all: an RPO is breached by time passing.</summary>
    public TimeSpan FleetPeriod { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Runs the fleet rules whenever the fleet's data changes (hosts, runs, policies, inventories) and on a period.</summary>
public sealed class FleetCheckService(IServiceScopeFactory scopes, FleetChangeFeed feed, IOptions<FleetCheckOptions> options, ILogger<FleetCheckService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var refresh = new CoalescingRefresh(options.Value.FleetDelay, () => RunOnceAsync(stoppingToken), log);
        feed.DataChanged += refresh.Request;
        try
        {
            refresh.Request();
            using var timer = new PeriodicTimer(options.Value.FleetPeriod);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                refresh.Request();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            feed.DataChanged -= refresh.Request;
        }
    }

    // After a run of the rules they rest nine times as long as it took (at least FleetDelay): on a large fleet, where one run
    // reads every host's recent runs, changes arriving all the time cannot make the rules take more than a tenth of the server.
    private const int RestPerRun = 9;

    private async Task RunOnceAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<FleetCheckRunner>().RunAsync(ct);
        var rest = Stopwatch.GetElapsedTime(started) * RestPerRun - options.Value.FleetDelay;
        if (rest > TimeSpan.Zero)
            await Task.Delay(rest, ct);
    }
}
