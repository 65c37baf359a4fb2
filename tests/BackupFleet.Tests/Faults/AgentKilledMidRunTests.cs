using System.Text.Json;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Journal;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>Issue 7: the agent's process killed in the middle of a backup, then started again, against the real server.</summary>
[Collection(FaultReport.Collection)]
public sealed class AgentKilledMidRunTests : FaultTest
{
    private async Task<JsonElement> RunAsync(Guid runId) => await (await Api.GetAsync($"/api/v1/runs/{runId}")).ReadJsonAsync();

    [Fact]
    public Task A_run_whose_agent_was_killed_ends_interrupted_after_the_restart_with_every_event_once_and_in_order() =>
        FaultReport.RunAsync("agent process killed mid-backup, started again", async () =>
        {
            var name = FleetApi.UniqueHostName("KILL");
            var enrollment = await Api.EnrollAsync(name);
            await Api.PutPolicyAsync(enrollment.HostId, FleetApi.ValidPolicy(name));
            var state = AgentProcess.StateDirectory(Scratch, Server.BaseAddress, enrollment);
            var attached = Path.Combine(state, SimulatedPlatform.AttachedDisksFile);
            var scenario = AgentProcess.SlowScenario(state, "fast-healthy.json", secondsPerVolume: 60);
            var runId = await Api.RunNowAsync(enrollment.HostId);

            await using (var agent = AgentProcess.Start(state, scenario))
            {
                // Killed once the backup is under way and the server holds part of its history.
                var running = await Api.BackingUpRunAsync(runId);
                Assert.Equal("Running", running.GetProperty("run").GetProperty("state").GetString());
                await agent.KillAsync();
            }
            Assert.Equal("Running", (await RunAsync(runId)).GetProperty("run").GetProperty("state").GetString());
            using (var journal = RunJournal.Open(state))
                Assert.Null(Assert.Single(journal.Pending()).Completion);
            Assert.Contains(@"\\nas01\backups\", File.ReadAllText(attached)); // killed with the VHDX attached, as a real host would be

            await using var restarted = AgentProcess.Start(state, scenario);
            var ended = await Api.EndedRunAsync(runId);

            var run = ended.GetProperty("run");
            Assert.True(run.GetProperty("state").GetString() == "Interrupted", restarted.Output);
            Assert.Equal(JobCoordinator.InterruptedByStop, run.GetProperty("errorMessage").GetString());
            var events = FleetApi.EventsOnceInOrder(ended);
            Assert.Equal(JobCoordinator.InterruptedByStop, events[^1].GetProperty("message").GetString());
            Assert.DoesNotContain(events, e => e.GetProperty("kind").GetString() == "StepSucceeded" && e.GetProperty("step").GetString() == "Backup");
            // The agent clears its journal once the server has acknowledged the end, a moment after the server shows it.
            for (var tries = 0; ; tries++)
            {
                using var journal = RunJournal.Open(state);
                if (journal.Pending().Count == 0)
                    break;
                Assert.True(tries < 50, "The journal still holds the delivered run.\n" + restarted.Output);
                await Task.Delay(100);
            }
            Assert.Equal("", File.ReadAllText(attached).Trim());
            var notice = (await (await Api.GetAsync($"/api/v1/hosts/{enrollment.HostId}")).ReadJsonAsync()).GetProperty("agentNotice");
            Assert.Contains("dismounted it", notice.GetProperty("message").GetString());
            return ($"Interrupted, never a success; events 1..{events.Count} once each; journal emptied; the VHDX left attached was dismounted at restart",
                await Notifications.SentOnceAsync(Api, runId, NotificationEvents.RunFailed));
        });
}
