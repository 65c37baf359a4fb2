using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Server.Features.Runs;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// Issue 7: two server processes on one database; the row locks on due policies let one of them fire each occurrence, and
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
            var hosts = new List<Guid>();
            for (var i = 0; i < 30; i++)
            {
                var name = FleetApi.UniqueHostName("TWO");
                var host = await api.EnrollAsync(name);
                await api.PutPolicyAsync(host.HostId, FleetApi.ValidPolicy(name));
                hosts.Add(host.HostId);
            }
            // Two occurrences, each due for all 30 hosts at once, while both nodes look for due schedules every second.
            // Between them the first occurrence's runs are let go, as the missed-run sweep would after their start window.
            const int Occurrences = 2;
            for (var occurrence = 1; occurrence <= Occurrences; occurrence++)
            {
                await DueSchedules.MakeDueAsync(_first.DatabaseConnectionString, [.. hosts]);
                await DueSchedules.WaitFiredAsync(_first.DatabaseConnectionString, [.. hosts]);
                if (occurrence < Occurrences)
                    await using (var scope = _first.CreateScope())
                        await scope.ServiceProvider.GetRequiredService<FleetDb>().Runs.Where(r => hosts.Contains(r.HostId))
                            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Missed));
            }

            foreach (var hostId in hosts)
                Assert.Equal(Occurrences, (await (await api.GetAsync($"/api/v1/hosts/{hostId}/runs")).ReadJsonAsync()).GetProperty("total").GetInt32());
            var runs = await (await api.GetAsync($"/api/v1/hosts/{hosts[0]}/runs")).ReadJsonAsync();
            var runId = runs.GetProperty("items")[0].GetProperty("id").GetGuid();

            // Its start window passes while the host stays offline, and both nodes sweep for missed runs at the same moment.
            await using (var scope = _first.CreateScope())
                await scope.ServiceProvider.GetRequiredService<FleetDb>().Runs.Where(r => r.Id == runId)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.StartBy, DateTimeOffset.UtcNow.AddMinutes(-1)));
            await Task.WhenAll(SweepAsync(_first), SweepAsync(_second));

            Assert.Equal("Missed", (await api.EndedRunAsync(runId)).GetProperty("run").GetProperty("state").GetString());
            return ($"{Occurrences} occurrences of 30 hosts' schedules, due at once on 2 nodes: one run each per occurrence; a queued run then Missed once though both nodes swept",
                await _notifications.SentOnceAsync(api, runId, NotificationEvents.RunMissed));
        });
}
