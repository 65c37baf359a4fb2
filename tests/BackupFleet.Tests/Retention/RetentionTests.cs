using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Retention;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Retention;

/// <summary>Issue 8: old run events are thinned out in batches (progress lines first, then all), the runs themselves stay and say so.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private TestServer _server = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Retention:ProgressEventsFor"] = "1.00:00:00",
            ["Retention:RunEventsFor"] = "30.00:00:00",
            ["Retention:BatchSize"] = "2", // several batches from a handful of runs
        });
        _api = _server.CreateClient();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Progress_lines_go_after_a_day_everything_after_thirty_and_recent_runs_keep_all()
    {
        await using var host = await SimulatedHost.StartAsync(_server, _api, "fast-healthy.json", prefix: "RET");
        var runs = new List<Guid>();
        for (var i = 0; i < 5; i++)
            runs.Add((await _api.RunToEndAsync(host.HostId)).GetProperty("id").GetGuid());
        await EndedAgoAsync(runs[..3], TimeSpan.FromDays(2));
        await EndedAgoAsync(runs[3..4], TimeSpan.FromDays(60));
        var before = await EventsAsync(runs);

        RetentionJob.Pruned first, second;
        await using (var scope = _server.CreateScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<RetentionJob>();
            first = await job.PruneAsync(CancellationToken.None);
            second = await job.PruneAsync(CancellationToken.None);
        }
        var after = await EventsAsync(runs);

        Assert.Equal(4, first.Runs);
        Assert.Equal(before.Sum(r => r.Value.Count) - after.Sum(r => r.Value.Count), first.Events);
        Assert.Equal(new RetentionJob.Pruned(0, 0), second);
        foreach (var run in runs[..3])
        {
            Assert.Contains(before[run], k => k == RunEventKind.Progress);
            Assert.DoesNotContain(after[run], k => k == RunEventKind.Progress);
            Assert.Equal(before[run].Count(k => k != RunEventKind.Progress), after[run].Count);
            Assert.Equal("NoProgress", await KeptAsync(run));
        }
        Assert.Empty(after[runs[3]]);
        Assert.Equal("None", await KeptAsync(runs[3]));
        Assert.Equal(before[runs[4]], after[runs[4]]);
        Assert.Equal("All", await KeptAsync(runs[4]));
        // The pruned run is still a Succeeded backup in the host's history.
        Assert.Equal("Succeeded", (await (await _api.GetAsync($"/api/v1/runs/{runs[3]}")).ReadJsonAsync()).GetProperty("run").GetProperty("state").GetString());
    }

    private async Task<string> KeptAsync(Guid runId) =>
        (await (await _api.GetAsync($"/api/v1/runs/{runId}")).ReadJsonAsync()).GetProperty("eventsKept").GetString()!;

    private async Task EndedAgoAsync(IEnumerable<Guid> runIds, TimeSpan ago)
    {
        var ids = runIds.ToList();
        await using var scope = _server.CreateScope();
        await scope.ServiceProvider.GetRequiredService<FleetDb>().Runs.Where(r => ids.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow - ago));
    }

    private async Task<Dictionary<Guid, List<RunEventKind>>> EventsAsync(List<Guid> runIds)
    {
        await using var scope = _server.CreateScope();
        var events = await scope.ServiceProvider.GetRequiredService<FleetDb>().RunEvents.Where(e => runIds.Contains(e.RunId))
            .OrderBy(e => e.Sequence).Select(e => new { e.RunId, e.Kind }).ToListAsync();
        return runIds.ToDictionary(id => id, id => events.Where(e => e.RunId == id).Select(e => e.Kind).ToList());
    }
}
