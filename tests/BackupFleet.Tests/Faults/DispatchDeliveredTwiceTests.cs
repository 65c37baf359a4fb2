using BackupFleet.Server.Features.Agents;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Faults;

/// <summary>Issue 7: the same dispatch arrives twice, at the agent and at a second copy of it on the same host: one backup runs.</summary>
[Collection(FaultReport.Collection)]
public sealed class DispatchDeliveredTwiceTests : FaultTest
{
    [Fact]
    public Task A_dispatch_sent_twice_and_to_two_connections_runs_one_backup_once() =>
        FaultReport.RunAsync("same dispatch delivered twice, to two agent connections", async () =>
        {
            var (host, agent, platform) = await SlowAgent.StartAsync(Server.BaseAddress, Api, Scratch, secondsPerVolume: 0.5, "TWICE");
            await using var _ = agent;
            // A second copy of the agent on the same host (a reinstall left running), connected with the same credential.
            await using var copy = await RawAgent.ConnectAsync(Server, host.AgentCredential, host.HostName, agent.ActiveRunId);

            var runId = await Api.RunNowAsync(host.HostId);
            var first = await copy.NextJobAsync(TimeSpan.FromSeconds(10));
            var job = new BackupJob(runId, first.QueuedAt, first.Spec);
            await Server.Services.GetRequiredService<IHubContext<AgentHub, IAgentClient>>().Clients.User(host.HostId.ToString()).StartBackup(job);
            await Api.BackingUpRunAsync(runId);
            var copyClaimed = await copy.AcceptAsync(runId);

            var ended = await Api.EndedRunAsync(runId);
            Assert.False(copyClaimed);
            Assert.Equal("Succeeded", ended.GetProperty("run").GetProperty("state").GetString());
            var events = FleetApi.EventsOnceInOrder(ended);
            Assert.Single(events, e => e.GetProperty("kind").GetString() == "StepStarted" && e.GetProperty("step").GetString() == "Backup");
            var runs = await (await Api.GetAsync($"/api/v1/hosts/{host.HostId}/runs")).ReadJsonAsync();
            Assert.Equal(1, runs.GetProperty("total").GetInt32());
            Assert.Equal(2, platform.VirtualDisks.History.Count); // one mount, one dismount
            Assert.False(await platform.VirtualDisks.IsMountedAsync(platform.Scenario.Inventory.BackupTarget.Path!, CancellationToken.None));
            return ($"Succeeded; one backup, claimed once (the copy's claim refused); events 1..{events.Count} once each; VHDX dismounted",
                await Notifications.SentOnceAsync(Api, runId, null));
        });
}
