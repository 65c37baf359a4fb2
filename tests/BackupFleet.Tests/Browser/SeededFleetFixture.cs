using System.Net;
using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Browser;

/// <summary>
/// A fleet of its own for the fleet page's tests, so that its counts are exact: <see cref="Count"/> offline hosts GRID-001… with
/// tags and a history written straight into the database (see <see cref="LastResult"/>), and four hosts whose real agents, on test
/// scenarios, are connected: one OK, one whose backup failed, one Partial with findings, and one past its RPO.
/// </summary>
public sealed class SeededFleetFixture : IAsyncLifetime
{
    public const int Count = 120;
    public TestServer Server { get; private set; } = default!;
    public SimulatedHost Healthy { get; private set; } = default!;
    public SimulatedHost Failing { get; private set; } = default!;
    public SimulatedHost Partial { get; private set; } = default!;
    public SimulatedHost Lagging { get; private set; } = default!;
    private DateTimeOffset _seededAt;

    public static string Name(int i) => $"GRID-{i:000}";

    public static string Site(int i) => (i % 3) switch { 0 => "site:Berlin", 1 => "site:Paris", _ => "site:Oslo" };

    public static string[] Tags(int i) => i % 4 == 0 ? [Site(i), "role:dc"] : [Site(i)];

    /// <summary>The state of host i's latest run; null for the hosts that never ran (every 11th).</summary>
    public static RunState? LastResult(int i) =>
        i % 11 == 0 ? null : i % 10 == 0 ? RunState.Failed : i % 7 == 0 ? RunState.Partial : RunState.Succeeded;

    /// <summary>The seeded hosts are all offline: a failed last run wins, every other is Offline.</summary>
    public static HostHealth Health(int i) => LastResult(i) == RunState.Failed ? HostHealth.Failed : HostHealth.Offline;

    /// <summary>Host i's latest run started i minutes before seeding: GRID-001 ran last.</summary>
    public DateTimeOffset LastRunAt(int i) => _seededAt.AddMinutes(-i);

    public static IEnumerable<int> Seeded => Enumerable.Range(1, Count);

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        await SeedAsync();
        var api = Server.CreateClient();
        Healthy = await SimulatedHost.StartAsync(Server, api, "fast-healthy.json", prefix: "OK");
        Failing = await SimulatedHost.StartAsync(Server, api, "fast-failing.json", prefix: "FAIL");
        Partial = await SimulatedHost.StartAsync(Server, api, "fast-split-storage.json", prefix: "SPLIT");
        foreach (var host in new[] { Healthy, Failing, Partial })
            await api.RunToEndAsync(host.HostId);

        // Enrolled and given its policy two hours ago, with a one-hour RPO and no backup since: the fleet rules find it breached.
        Lagging = await SimulatedHost.StartAsync(Server, api, "fast-healthy.json", prefix: "LAG");
        Assert.Equal(HttpStatusCode.OK, (await api.PutPolicyAsync(Lagging.HostId, Lagging.Policy! with { RpoHours = 1 })).StatusCode);
        await using (var scope = Server.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FleetDb>();
            await db.Hosts.Where(h => h.Id == Lagging.HostId).ExecuteUpdateAsync(s => s.SetProperty(h => h.EnrolledAt, DateTimeOffset.UtcNow.AddHours(-2)));
            // The RPO clock starts at the later of enrolment and the policy's last change: both two hours back.
            await db.Policies.Where(p => p.HostId == Lagging.HostId).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, DateTimeOffset.UtcNow.AddHours(-2)));
        }
        await api.PutTagsAsync(Lagging.HostId, new[] { "lagging" }); // a change, which runs the fleet rules
        await api.GetJsonUntilAsync($"/api/v1/hosts/{Lagging.HostId}/findings",
            f => f.EnumerateArray().Any(x => x.GetProperty("check").GetString() == CheckIds.RpoBreached));
    }

    private async Task SeedAsync()
    {
        _seededAt = DateTimeOffset.UtcNow;
        var spec = JsonSerializer.Serialize(new BackupSpec(@"\\nas01\backups\GRID.vhdx", "B:", true, true, ["C:"], 60, 120));
        await using var scope = Server.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FleetDb>();
        foreach (var i in Seeded)
        {
            var host = new HostEntity { Id = Guid.NewGuid(), Name = Name(i), EnrolledAt = _seededAt.AddDays(-3), Tags = Tags(i), AgentVersion = "1.0" };
            db.Hosts.Add(host);
            if (LastResult(i) is not { } last)
                continue;
            // An older success, past the last 24 hours, under the latest run.
            db.Runs.Add(Run(host.Id, RunState.Succeeded, _seededAt.AddHours(-30).AddMinutes(-i), spec));
            db.Runs.Add(Run(host.Id, last, LastRunAt(i), spec));
        }
        await db.SaveChangesAsync();
    }

    private static RunEntity Run(Guid hostId, RunState state, DateTimeOffset startedAt, string spec) => new()
    {
        Id = Guid.NewGuid(), HostId = hostId, State = state, Trigger = RunTrigger.Schedule, QueuedAt = startedAt.AddSeconds(-5),
        StartBy = startedAt.AddHours(4), StartedAt = startedAt, FinishedAt = startedAt.AddMinutes(20), SpecJson = spec,
        ErrorCode = state == RunState.Failed ? "0x80780119" : null,
    };

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { Healthy, Failing, Partial, Lagging })
            if (host is not null)
                await host.DisposeAsync();
        await Server.DisposeAsync();
    }
}
