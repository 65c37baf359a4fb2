using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Schedules;
using BackupFleet.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class ScheduleUpgradeTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task A_policy_from_before_bulk_schedules_gets_its_next_run_and_loses_its_Hangfire_job()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        await using var scope = fixture.Server.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<FleetDb>();
        // As an older version left it: no next run time, and a recurring job of its own (the class it named is gone).
        await db.Policies.Where(p => p.HostId == host.HostId).ExecuteUpdateAsync(s => s.SetProperty(p => p.NextRunAt, (DateTimeOffset?)null));
        var legacyJob = $"policy:{host.HostId}";
        var storage = services.GetRequiredService<JobStorage>();
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate(legacyJob, () => Console.WriteLine("a backup"), "0 22 * * *");

        await ScheduleUpgrade.RunAsync(db, storage, jobs, TimeProvider.System, CancellationToken.None);

        using (var connection = storage.GetConnection())
            Assert.DoesNotContain(legacyJob, connection.GetAllItemsFromSet("recurring-jobs"));
        var next = await db.Policies.Where(p => p.HostId == host.HostId).Select(p => p.NextRunAt).SingleAsync();
        Assert.NotNull(next);
        var berlin = TimeZoneInfo.ConvertTime(next.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal((22, 0), (berlin.Hour, berlin.Minute));
        Assert.InRange(next.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
    }
}
