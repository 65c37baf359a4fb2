using BackupFleet.Server.Features.Policies;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class ScheduledRunTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task When_the_policy_job_fires_a_scheduled_run_is_queued_and_sent_to_the_agent()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        await using var agent = await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name);

        // Run the recurring job's own stored definition now, through Hangfire's queue and workers, as its cron would.
        // (RecurringJobManager.Trigger was not used: racing the scheduler that had just picked up the new job, it
        // sometimes enqueued nothing.)
        var storage = fixture.Server.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var recurring = connection.GetRecurringJobs([PolicyScheduler.JobId(host.HostId)]).Single();
            fixture.Server.Services.GetRequiredService<IBackgroundJobClient>().Create(recurring.Job, new Hangfire.States.EnqueuedState());
        }

        BackupFleet.Shared.Runs.BackupJob job;
        try
        {
            job = await agent.NextJobAsync(TimeSpan.FromSeconds(20));
        }
        catch (OperationCanceledException)
        {
            var monitor = storage.GetMonitoringApi();
            var failed = monitor.FailedJobs(0, 5).Select(j => $"{j.Value.ExceptionType}: {j.Value.ExceptionMessage}");
            var stored = await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}/runs")).Content.ReadAsStringAsync();
            throw new TimeoutException($"No job in 20 s. Hangfire: {monitor.GetStatistics().Enqueued} enqueued, {monitor.GetStatistics().Processing} processing, "
                + $"{monitor.GetStatistics().Scheduled} scheduled, failed: [{string.Join("; ", failed)}]. Runs: {stored}");
        }
        Assert.Equal($@"\\nas01\backups\{name}.vhdx", job.Spec.TargetVhdxPath);
        var runs = await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}/runs")).ReadJsonAsync();
        var run = Assert.Single(runs.GetProperty("items").EnumerateArray());
        Assert.Equal(job.RunId, run.GetProperty("id").GetGuid());
        Assert.Equal("Schedule", run.GetProperty("trigger").GetString());
        Assert.Equal("Queued", run.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_queued_run_past_its_start_window_is_marked_missed()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name) with { StartWindowMinutes = 1 });
        var runId = (await (await _api.PostAsync($"/api/v1/hosts/{host.HostId}/runs", null)).ReadJsonAsync()).GetProperty("id").GetGuid();

        // Two minutes later, as the server's clock sees it.
        await using (var scope = fixture.Server.CreateScope())
        {
            var sweeper = ActivatorUtilities.CreateInstance<MissedRunSweeper>(scope.ServiceProvider, new ShiftedClock(TimeSpan.FromMinutes(2)));
            await sweeper.SweepAsync(CancellationToken.None);
        }

        var run = (await (await _api.GetAsync($"/api/v1/runs/{runId}")).ReadJsonAsync()).GetProperty("run");
        Assert.Equal("Missed", run.GetProperty("state").GetString());
        Assert.Equal(MissedRunSweeper.MissedMessage, run.GetProperty("errorMessage").GetString());
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
