using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Server.Features.Schedules;
using BackupFleet.Tests.Infrastructure;
using BackupFleet.Shared.Enrollment;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class ScheduledRunTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    private async Task<(string Name, EnrollResponse Host, RawAgent Agent)> OnlineHostWithPolicyAsync()
    {
        var name = FleetApi.UniqueHostName();
        var host = await _api.EnrollAsync(name);
        await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
        return (name, host, await RawAgent.ConnectAsync(fixture.Server, host.AgentCredential, name));
    }

    [Fact]
    public async Task When_the_schedule_s_time_comes_a_scheduled_run_is_queued_sent_to_the_agent_and_the_next_time_set()
    {
        var (name, host, agent) = await OnlineHostWithPolicyAsync();
        await using var _ = agent;

        await DueSchedules.MakeDueAsync(fixture.Server.DatabaseConnectionString, host.HostId);

        var job = await agent.NextJobAsync(TimeSpan.FromSeconds(20));
        Assert.Equal($@"\\nas01\backups\{name}.vhdx", job.Spec.TargetVhdxPath);
        var runs = await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}/runs")).ReadJsonAsync();
        var run = Assert.Single(runs.GetProperty("items").EnumerateArray());
        Assert.Equal(job.RunId, run.GetProperty("id").GetGuid());
        Assert.Equal("Schedule", run.GetProperty("trigger").GetString());
        Assert.Equal("Queued", run.GetProperty("state").GetString());
        // The policy moved on to its next time: 22:00 in Berlin, within a day.
        var next = (await (await _api.GetAsync($"/api/v1/hosts/{host.HostId}")).ReadJsonAsync()).GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal((22, 0), (TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")) is var berlin ? (berlin.Hour, berlin.Minute) : default));
        Assert.InRange(next, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public async Task Due_schedules_fired_by_several_firers_at_once_are_each_claimed_once()
    {
        var hosts = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            var name = FleetApi.UniqueHostName();
            var host = await _api.EnrollAsync(name);
            await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
            hosts.Add(host.HostId);
        }
        // Due five minutes from now: the server's own loop leaves them alone; six firers whose clock is six minutes ahead, in
        // small batches as six nodes would, race each other for the same rows.
        await DueSchedules.SetNextRunAsync(fixture.Server.DatabaseConnectionString, TimeSpan.FromMinutes(5), [.. hosts]);
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var claimed = new List<Guid>();
            await using var scope = fixture.Server.CreateScope();
            var firer = ActivatorUtilities.CreateInstance<DueScheduleFirer>(scope.ServiceProvider,
                Options.Create(new ScheduleOptions { BatchSize = 7 }), (TimeProvider)new ShiftedClock(TimeSpan.FromMinutes(6)));
            for (IReadOnlyList<Guid> batch; (batch = await firer.FireDueAsync(CancellationToken.None)).Count > 0;)
                claimed.AddRange(batch);
            return claimed;
        }));

        // Other tests' schedules due within those minutes are fired early too, once each like these.
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(hosts.Order(), all.Where(hosts.Contains).Order());
        foreach (var hostId in hosts)
        {
            var runs = await (await _api.GetAsync($"/api/v1/hosts/{hostId}/runs")).ReadJsonAsync();
            Assert.Equal(1, runs.GetProperty("total").GetInt32());
        }
        // A batch's runs are inserted in one statement; each host's standing (what the hosts list sorts by) still shows its run.
        await using var standingScope = fixture.Server.CreateScope();
        var db = standingScope.ServiceProvider.GetRequiredService<FleetDb>();
        var standing = await db.Hosts.Where(h => hosts.Contains(h.Id))
            .Select(h => new { h.LastRunAt, Queued = db.Runs.Where(r => r.HostId == h.Id).Max(r => r.QueuedAt) }).ToListAsync();
        Assert.Equal(hosts.Count, standing.Count);
        Assert.All(standing, s => Assert.Equal(s.Queued, s.LastRunAt));
    }

    [Fact]
    public async Task A_queued_run_its_online_agent_did_not_take_is_sent_again()
    {
        var (name, host, agent) = await OnlineHostWithPolicyAsync();
        await using var _ = agent;
        // Queued a minute ago and sent then, but the agent's claim failed (it forgets such a job): nothing sends it by itself.
        Guid runId;
        await using (var scope = fixture.Server.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FleetDb>();
            var policy = await db.Policies.AsNoTracking().SingleAsync(p => p.HostId == host.HostId);
            var run = RunStarter.NewRun(policy, RunTrigger.Schedule, DateTimeOffset.UtcNow.AddMinutes(-1));
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }

        await using (var scope = fixture.Server.CreateScope())
            await scope.ServiceProvider.GetRequiredService<WaitingRunResender>().ResendAsync(CancellationToken.None);

        Assert.Equal(runId, (await agent.NextJobAsync(TimeSpan.FromSeconds(10))).RunId);
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
