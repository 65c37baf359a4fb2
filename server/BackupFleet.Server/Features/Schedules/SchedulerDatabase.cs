using BackupFleet.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Schedules;

/// <summary>
/// The scheduler's database contexts, on a pool of their own (<see cref="DatabasePools.Scheduler"/>): in a wave, thousands of
/// agents claiming their runs keep the fleet pool busy, and the due schedules not yet fired must not wait behind them.
/// </summary>
public sealed class SchedulerDatabase(string connectionString)
{
    private readonly DbContextOptions<FleetDb> _options = FleetDb.OptionsFor(DatabasePools.ForServer(connectionString, DatabasePools.Scheduler));

    public FleetDb Create() => new(_options);
}
