using BackupFleet.Server.Features.Policies;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Faults;

/// <summary>Issue 7: two server processes on one database; Hangfire's distributed lock lets one of them fire each occurrence.</summary>
[Collection(FaultReport.Collection)]
public sealed class TwoNodesScheduleOnceTests : IAsyncLifetime
{
    private TestServer _first = default!;
    private TestServer _second = default!;

    public async Task InitializeAsync()
    {
        _first = await TestServer.StartAsync();
        _second = await _first.StartAnotherNodeAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
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

            var monitor = _first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            var fired = monitor.SucceededJobs(0, 1000).Select(j => j.Key)
                .Concat(monitor.ProcessingJobs(0, 1000).Select(j => j.Key))
                .Concat(monitor.EnqueuedJobs("default", 0, 1000).Select(j => j.Key))
                .Select(monitor.JobDetails)
                .Where(j => j.Job.Method.Name == nameof(ScheduledBackupJob.FireAsync) && Equals(j.Job.Args[0], hostId))
                .Select(j => j.CreatedAt!.Value)
                .ToList();
            var occurrences = fired.GroupBy(at => at.Ticks / TimeSpan.FromSeconds(2).Ticks).ToList();

            Assert.True(occurrences.Count >= 3, $"Only {occurrences.Count} occurrences fired in 9 s.");
            Assert.All(occurrences, o => Assert.Single(o));
            var runs = await (await api.GetAsync($"/api/v1/hosts/{hostId}/runs")).ReadJsonAsync();
            Assert.Equal(1, runs.GetProperty("total").GetInt32());
            return $"{occurrences.Count} occurrences fired once each across 2 nodes; 1 run queued (the host was offline)";
        });
}
