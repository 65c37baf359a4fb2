using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// Issue 7: two server processes on one database; Hangfire's distributed lock lets one of them fire each occurrence, and
/// when both mark the run missed at once, one run.missed notification leaves, from one of the two nodes' senders.
/// </summary>
[Collection(FaultReport.Collection)]
public sealed class TwoNodesScheduleOnceTests : IAsyncLifetime
{
    private TestServer _first = default!;
    private TestServer _second = default!;

    private FaultNotifications _notifications = default!;

    public async Task InitializeAsync()
    {
        _first = await TestServer.StartAsync();
        _second = await _first.StartAnotherNodeAsync();
        _notifications = await FaultNotifications.StartAsync(_first.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _notifications.DisposeAsync();
    }

    private static async Task SweepAsync(TestServer node)
    {
        await using var scope = node.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MissedRunSweeper>().SweepAsync(CancellationToken.None);
    }

    [Fact]
    public Task Each_occurrence_of_a_schedule_fires_once_across_both_nodes() =>
        FaultReport.RunAsync("one schedule on two server processes", async () =>
        {
            var api = _first.CreateClient();
            var name = FleetApi.UniqueHostName("TWO");
            var host = await api.EnrollAsync(name);
            await api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
            // The policy's own job, every two seconds instead of nightly (Hangfire reads six fields as seconds first),
            // so that both nodes' schedulers meet several occurrences in a few seconds.
            var hostId = host.HostId;
            _first.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ScheduledBackupJob>(
                PolicyScheduler.JobId(hostId), job => job.FireAsync(hostId, CancellationToken.None), "*/2 * * * * *");
            await Task.Delay(TimeSpan.FromSeconds(9));
            _first.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(PolicyScheduler.JobId(hostId));

            var occurrences = ScheduleOccurrences.Of(_first.Services.GetRequiredService<JobStorage>(), hostId);

            Assert.True(occurrences.Count >= 3, $"Only {occurrences.Count} occurrences fired in 9 s.");
            Assert.All(occurrences, o => Assert.Single(o));
            var runs = await (await api.GetAsync($"/api/v1/hosts/{hostId}/runs")).ReadJsonAsync();
            Assert.Equal(1, runs.GetProperty("total").GetInt32());
            var runId = runs.GetProperty("items")[0].GetProperty("id").GetGuid();

            // Its start window passes while the host stays offline, and both nodes sweep for missed runs at the same moment.
            await using (var scope = _first.CreateScope())
                await scope.ServiceProvider.GetRequiredService<FleetDb>().Runs.Where(r => r.Id == runId)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.StartBy, DateTimeOffset.UtcNow.AddMinutes(-1)));
            await Task.WhenAll(SweepAsync(_first), SweepAsync(_second));

            Assert.Equal("Missed", (await api.EndedRunAsync(runId)).GetProperty("run").GetProperty("state").GetString());
            return ($"{occurrences.Count} occurrences fired once each across 2 nodes; 1 run queued (the host was offline), then Missed once though both nodes swept",
                await _notifications.SentOnceAsync(api, runId, NotificationEvents.RunMissed));
        });
}
