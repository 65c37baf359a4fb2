using System.Text.Json;
using BackupFleet.Agent.Connection;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Faults;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Server;

/// <summary>Issue 7: a NAS limited to one backup at a time takes its hosts one after the other, in the order they were queued.</summary>
public sealed class NasLimitTests : IAsyncLifetime
{
    private TestServer _server = default!;
    private HttpClient _api = default!;
    private readonly string _dir = Directory.CreateTempSubdirectory("bf-nas-").FullName;
    private readonly List<AgentRuntime> _agents = [];
    private readonly List<RawAgent> _rawAgents = [];

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Dispatch:Nas:NAS01"] = "1" });
        _api = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
            await agent.DisposeAsync();
        foreach (var agent in _rawAgents)
            await agent.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A host backing up to <paramref name="nas"/>, its agent connected; each volume takes a second.</summary>
    private async Task<Guid> HostAsync(string nas)
    {
        var (host, agent, _) = await SlowAgent.StartAsync(_server.BaseAddress, _api, _dir, secondsPerVolume: 1, "NAS", nas);
        _agents.Add(agent);
        return host.HostId;
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Span(JsonElement details) =>
        (details.GetProperty("run").GetProperty("startedAt").GetDateTimeOffset(), details.GetProperty("run").GetProperty("finishedAt").GetDateTimeOffset());

    [Fact]
    public async Task Hosts_on_a_nas_limited_to_one_back_up_one_after_another_while_another_nas_runs_alongside()
    {
        var (first, second, elsewhere) = (await HostAsync("nas01"), await HostAsync("nas01"), await HostAsync("nas02"));

        var runs = new[] { await _api.RunNowAsync(first), await _api.RunNowAsync(second), await _api.RunNowAsync(elsewhere) };
        var queuedSecond = await (await _api.GetAsync($"/api/v1/runs/{runs[1]}")).ReadJsonAsync();
        var ended = new List<JsonElement>();
        foreach (var run in runs)
            ended.Add(await _api.EndedRunAsync(run));

        Assert.All(ended, r => Assert.Equal("Succeeded", r.GetProperty("run").GetProperty("state").GetString()));
        Assert.Equal("Queued", queuedSecond.GetProperty("run").GetProperty("state").GetString());
        Assert.StartsWith("Waiting for its turn on nas01, which takes 1 backup at a time", queuedSecond.GetProperty("waitingFor").GetString());
        var (a, b, c) = (Span(ended[0]), Span(ended[1]), Span(ended[2]));
        Assert.True(b.Start >= a.End, $"The second host on nas01 started at {b.Start:O}, before the first ended at {a.End:O}.");
        Assert.True(c.Start < a.End && a.Start < c.End, "The host on nas02 should have run alongside the first on nas01.");
    }

    [Fact]
    public async Task Schedules_due_at_once_on_a_limited_nas_are_sent_one_at_a_time_in_turn()
    {
        var agents = await WaveAsync("WAVE", 4);

        var first = await OnlyJobAsync(agents);
        Assert.True(await first.Agent.AcceptAsync(first.Job.RunId));
        await first.Agent.CompleteAsync(new RunCompletion(first.Job.RunId, RunState.Failed, DateTimeOffset.UtcNow, null, "bench", LastSequence: 0));

        var second = await OnlyJobAsync(agents.Where(a => a.Agent != first.Agent).ToList());
        Assert.NotEqual(first.Job.RunId, second.Job.RunId);
    }

    [Fact]
    public async Task A_run_not_taken_is_sent_again_while_its_nas_has_a_free_slot_and_none_while_the_nas_is_full()
    {
        var agents = await WaveAsync("RESEND", 3);
        var first = await OnlyJobAsync(agents);

        // Not claimed (lost under load): the NAS's slot is free, so the same run is sent again.
        Assert.Equal(1, await ResendWaitingAsync());
        var again = await OnlyJobAsync(agents);
        Assert.Equal((first.Agent, first.Job.RunId), (again.Agent, again.Job.RunId));

        // Claimed: the NAS is full, and the two runs behind it wait for its end, not for the resender.
        Assert.True(await first.Agent.AcceptAsync(first.Job.RunId));
        Assert.Equal(0, await ResendWaitingAsync());
        Assert.All(agents, a => Assert.False(a.Agent.Jobs.Reader.TryRead(out _)));
    }

    /// <summary>
    /// <paramref name="count"/> hosts on nas01 with raw agents connected, their schedules fired as one wave: the runs queued in
    /// the same statement, at the same instant.
    /// </summary>
    private async Task<List<(Guid HostId, RawAgent Agent)>> WaveAsync(string prefix, int count)
    {
        var agents = new List<(Guid HostId, RawAgent Agent)>();
        for (var i = 0; i < count; i++)
        {
            var name = FleetApi.UniqueHostName(prefix);
            var host = await _api.EnrollAsync(name);
            await _api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
            var agent = await RawAgent.ConnectAsync(_server, host.AgentCredential, name);
            _rawAgents.Add(agent);
            agents.Add((host.HostId, agent));
        }
        await DueSchedules.MakeDueAsync(_server.DatabaseConnectionString, [.. agents.Select(a => a.HostId)]);
        await DueSchedules.WaitFiredAsync(_server.DatabaseConnectionString, [.. agents.Select(a => a.HostId)]);
        return agents;
    }

    private async Task<int> ResendWaitingAsync()
    {
        await using var scope = _server.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RunDispatcher>().ResendWaitingAsync(TimeSpan.Zero, CancellationToken.None);
    }

    /// <summary>The one job sent to these agents within a few seconds; none of the others gets one meanwhile.</summary>
    private static async Task<(RawAgent Agent, BackupJob Job)> OnlyJobAsync(IReadOnlyList<(Guid HostId, RawAgent Agent)> agents)
    {
        var deadline = DateTime.UtcNow.AddSeconds(3);
        var sent = new List<(RawAgent, BackupJob)>();
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (_, agent) in agents)
                while (agent.Jobs.Reader.TryRead(out var job))
                    sent.Add((agent, job));
            await Task.Delay(100);
        }
        return Assert.Single(sent);
    }
}
