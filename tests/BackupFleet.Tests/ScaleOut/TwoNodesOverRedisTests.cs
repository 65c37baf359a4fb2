using BackupFleet.Tests.Faults;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BackupFleet.Tests.ScaleOut;

/// <summary>
/// Issue 8: two server processes on one PostgreSQL and one Redis (Debian's redis-server), the agents connected to node A,
/// the API and the dashboard used on node B. Nothing reaches node B's pages or node A's agents but through Redis: the pages
/// have no timer, and a job is sent only by the node that queued it.
/// </summary>
// In the fault tests' collection: like them it starts server processes, which on two cores should not all start at once.
[Collection(FaultReport.Collection)]
public sealed class TwoNodesOverRedisTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private readonly ServerProcess _a = nodes.A;
    private readonly ServerProcess _b = nodes.B;
    private readonly IBrowser _browser = nodes.Browser;

    private static async Task<string> StatusAsync(HttpClient api, Guid hostId) =>
        (await (await api.GetAsync($"/api/v1/hosts/{hostId}")).ReadJsonAsync()).GetProperty("status").GetString()!;

    [Fact]
    public async Task A_backup_started_on_node_B_runs_on_the_agent_connected_to_node_A()
    {
        var apiB = _b.CreateClient();
        await using var host = await SimulatedHost.StartAsync(_a, apiB, "fast-healthy.json", prefix: "SCALE");

        var run = await apiB.RunToEndAsync(host.HostId);

        Assert.Equal("Succeeded", run.GetProperty("state").GetString());
        Assert.Equal("Online", await StatusAsync(apiB, host.HostId));
    }

    [Fact]
    public async Task A_dashboard_on_node_B_follows_live_what_the_agent_on_node_A_does()
    {
        var apiB = _b.CreateClient();
        await using var host = await SimulatedHost.StartAsync(_a, apiB, "fast-healthy.json", connect: false, prefix: "SCALE");
        var runId = await apiB.RunNowAsync(host.HostId); // waits, Queued: the agent is not connected yet
        var hostPage = await _browser.SignInAsync(_b);
        await hostPage.GotoAsync($"/hosts/{host.HostId}");
        await hostPage.WaitForLiveAsync();
        await Assertions.Expect(hostPage.GetByTestId("host-facts")).ToContainTextAsync("not connected");
        var runPage = await _browser.SignInAsync(_b);
        await runPage.GotoAsync($"/runs/{runId}");
        await runPage.WaitForLiveAsync();
        await Assertions.Expect(runPage.Locator("[data-run-state=Queued]")).ToBeVisibleAsync();

        // Connects to node A, which sends it the queued run; node B hears of each step only through Redis.
        await host.Agent.StartAsync(CancellationToken.None);

        await Assertions.Expect(hostPage.GetByTestId("host-facts")).ToContainTextAsync("(connected)");
        await Assertions.Expect(runPage.Locator("[data-run-state=Succeeded]")).ToBeVisibleAsync();
        await Assertions.Expect(runPage.GetByTestId("run-log")).ToContainTextAsync("Dismount");
        await runPage.SaveScreenshotAsync();
    }

    [Fact]
    public async Task Each_occurrence_of_a_schedule_fires_once_across_the_two_processes()
    {
        var apiB = _b.CreateClient();
        await using var host = await SimulatedHost.StartAsync(_a, apiB, "fast-healthy.json", prefix: "SCALE");
        // Three occurrences of the host's schedule, each due at once for both processes, which look every second; each is
        // backed up before the next comes.
        const int Occurrences = 3;
        for (var occurrence = 1; occurrence <= Occurrences; occurrence++)
        {
            await DueSchedules.MakeDueAsync(_a.DatabaseConnectionString, host.HostId);
            await DueSchedules.WaitFiredAsync(_a.DatabaseConnectionString, host.HostId);
            await apiB.GetJsonUntilAsync($"/api/v1/hosts/{host.HostId}/runs?pageSize=100", r =>
                r.GetProperty("total").GetInt32() >= occurrence
                && r.GetProperty("items").EnumerateArray().All(i => i.GetProperty("state").GetString() is not ("Queued" or "Running")));
        }

        var runs = await (await apiB.GetAsync($"/api/v1/hosts/{host.HostId}/runs?pageSize=100")).ReadJsonAsync();
        Assert.Equal(Occurrences, runs.GetProperty("total").GetInt32());
        Assert.All(runs.GetProperty("items").EnumerateArray(), r =>
        {
            Assert.Equal("Schedule", r.GetProperty("trigger").GetString());
            Assert.Equal("Succeeded", r.GetProperty("state").GetString());
        });
    }

    [Fact]
    public async Task When_node_A_dies_node_B_shows_its_agents_offline_and_they_return_with_it()
    {
        var apiB = _b.CreateClient();
        await using var host = await SimulatedHost.StartAsync(_a, apiB, "fast-healthy.json", prefix: "SCALE");
        Assert.Equal("Online", await StatusAsync(apiB, host.HostId));

        await _a.KillAsync();
        // Node B takes node A for dead once it missed its beats (ScaleOut:NodeTimeout, 2 s here), and says so.
        await apiB.GetJsonUntilAsync($"/api/v1/hosts/{host.HostId}", h => h.GetProperty("status").GetString() == "Offline");

        await _a.StartAgainAsync();
        await apiB.GetJsonUntilAsync($"/api/v1/hosts/{host.HostId}", h => h.GetProperty("status").GetString() == "Online");
        Assert.Equal("Succeeded", (await apiB.RunToEndAsync(host.HostId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Revoking_an_agent_on_node_B_closes_its_connection_on_node_A()
    {
        var apiB = _b.CreateClient();
        var name = FleetApi.UniqueHostName("SCALE");
        var enrolled = await apiB.EnrollAsync(name);
        await using var agent = await RawAgent.ConnectAsync(_a, enrolled.AgentCredential, name);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        var response = await apiB.PostAsync($"/api/v1/hosts/{enrolled.HostId}/agent/revoke", null);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Offline", await StatusAsync(apiB, enrolled.HostId));
    }

    [Fact]
    public async Task A_node_starts_while_Redis_is_away_says_so_and_recovers_when_it_comes()
    {
        var port = LocalMachine.FreePort();
        await using var node = await ServerProcess.StartAsync(new Dictionary<string, string> { ["ConnectionStrings__Redis"] = $"127.0.0.1:{port}" });
        var api = node.CreateClient(apiKey: null);
        Assert.Equal("Degraded", await api.GetStringAsync("/healthz"));

        await using var redis = await RedisServer.StartAsync(port);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await api.GetStringAsync("/healthz") != "Healthy")
        {
            Assert.True(DateTime.UtcNow < deadline, "The node did not find Redis within 60 s of its start.");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Through_the_shipped_sticky_proxy_agents_and_a_dashboard_work_whichever_node_they_land_on()
    {
        await using var proxy = await StickyProxy.StartAsync(_a, _b);
        var api = proxy.CreateClient();
        var hosts = new List<SimulatedHost>();
        try
        {
            for (var i = 0; i < 4; i++)
                hosts.Add(await SimulatedHost.StartAsync(proxy, api, "fast-healthy.json", prefix: "PROXY"));
            var page = await _browser.SignInAsync(proxy);
            Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == StickyProxy.StickyCookie);

            foreach (var host in hosts)
                Assert.Equal("Succeeded", (await api.RunToEndAsync(host.HostId)).GetProperty("state").GetString());
            await page.GotoAsync($"/hosts/{hosts[0].HostId}");
            await page.WaitForLiveAsync();
            await Assertions.Expect(page.GetByTestId("host-facts")).ToContainTextAsync("(connected)");
            await page.SaveScreenshotAsync();
        }
        finally
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
        }
    }
}

/// <summary>Redis, node A and node B on one database, and a browser: started once for the class (processes take seconds to start).</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private RedisServer? _redis;
    private IPlaywright? _playwright;

    public ServerProcess A { get; private set; } = null!;
    public ServerProcess B { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            _redis = await RedisServer.StartAsync();
            A = await ServerProcess.StartAsync(new Dictionary<string, string>
            {
                ["ConnectionStrings__Redis"] = _redis.ConnectionString,
                // A dead node is noticed within seconds here; the defaults (10 s, 45 s) are for production.
                ["ScaleOut__HeartbeatInterval"] = "00:00:00.500",
                ["ScaleOut__NodeTimeout"] = "00:00:02",
            });
            B = await A.StartAnotherNodeAsync();
            (_playwright, Browser) = await Infrastructure.Browser.LaunchAsync();
        }
        catch
        {
            await DisposeAsync(); // nothing started is left running
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (B is not null)
            await B.DisposeAsync();
        if (A is not null)
            await A.DisposeAsync();
        if (_redis is not null)
            await _redis.DisposeAsync();
    }
}
