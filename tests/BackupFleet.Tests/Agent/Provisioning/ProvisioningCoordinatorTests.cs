using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Shared.Provisioning;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Agent.Provisioning;

/// <summary>A provisioning job the server sends, run by the agent on the simulated platform and reported to an in-memory hub.</summary>
public sealed class ProvisioningCoordinatorTests
{
    private const string NewTarget = @"\\nas01\backups\HV-NEW.vhdx";

    private static ProvisionTargetJob Job(string path = NewTarget, long size = 5 * TargetSize.TiB) =>
        new(Guid.NewGuid(), path, size, "B:", "Backup Disk");

    private static async Task<ProvisioningUpdate> FinalAsync(FakeAgentHub hub)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (hub.ProvisioningUpdates.FirstOrDefault(u => u.State != ProvisioningState.Running) is { } final)
                return final;
            await Task.Delay(10);
        }
        throw new TimeoutException("No final provisioning update in 10 s.");
    }

    /// <summary>All lines the server would have stored: each update's lines placed at its FirstLine, later copies winning.</summary>
    private static List<string> StoredLines(FakeAgentHub hub)
    {
        var lines = new List<string>();
        foreach (var u in hub.ProvisioningUpdates)
        {
            Assert.True(u.FirstLine <= lines.Count, $"An update starts at line {u.FirstLine} but only {lines.Count} were sent before it.");
            lines = [.. lines.Take(u.FirstLine), .. u.Lines];
        }
        return lines;
    }

    private static ProvisioningCoordinator Coordinator(FakeAgentHub hub, Guid? activeRun = null) =>
        new(hub, SimulatedPlatform.FromScenario(AgentTestSupport.FastHealthy()), () => activeRun, AgentTestSupport.FastTimings, NullLogger.Instance);

    [Fact]
    public async Task A_job_plays_the_real_plan_marked_simulated_and_ends_succeeded()
    {
        var hub = new FakeAgentHub();
        var job = Job();
        await Coordinator(hub).ProvisionTarget(job);

        var final = await FinalAsync(hub);
        Assert.Equal(ProvisioningState.Succeeded, final.State);
        Assert.All(hub.ProvisioningUpdates, u => Assert.Equal(job.JobId, u.JobId));
        Assert.Equal([
            "SIMULATED: New-VHD -Fixed 2 TB …", "SIMULATED: Resize-VHD to 4 TB …", "SIMULATED: Resize-VHD to 5 TB …",
            "SIMULATED: Mount-VHD, Initialize-Disk GPT, New-Partition at B: …",
            "SIMULATED: Format-Volume B: NTFS, 64 KB allocation unit, label 'Backup Disk' …", "SIMULATED: Dismount-VHD …",
            $"SIMULATED: done, nothing was created. {NewTarget} would now be a 5 TB fixed VHDX.",
        ], StoredLines(hub));
    }

    [Fact]
    public async Task Lines_whose_sending_failed_are_sent_again_from_where_the_server_stopped_and_the_end_is_retried()
    {
        var hub = new FakeAgentHub { FailNextCalls = 3 };
        await Coordinator(hub).ProvisionTarget(Job());

        Assert.Equal(ProvisioningState.Succeeded, (await FinalAsync(hub)).State);
        var lines = StoredLines(hub);
        Assert.Equal(7, lines.Count);
        Assert.Equal(lines.Distinct().Count(), lines.Count);
    }

    [Fact]
    public async Task A_job_sent_while_a_backup_runs_is_refused_and_touches_nothing()
    {
        var hub = new FakeAgentHub();
        await Coordinator(hub, activeRun: Guid.NewGuid()).ProvisionTarget(Job());

        var final = await FinalAsync(hub);
        Assert.Equal(ProvisioningState.Failed, final.State);
        Assert.Equal(ProvisioningCoordinator.BackupRunning, final.Error);
        Assert.Empty(StoredLines(hub));
    }

    [Fact]
    public async Task The_hosts_existing_target_is_never_created_again()
    {
        var hub = new FakeAgentHub();
        var existing = AgentTestSupport.FastHealthy().Inventory.BackupTarget.Path!;
        await Coordinator(hub).ProvisionTarget(Job(existing.ToUpperInvariant()));

        var final = await FinalAsync(hub);
        Assert.Equal(ProvisioningState.Failed, final.State);
        Assert.StartsWith($"{existing.ToUpperInvariant()} exists already", final.Error);
        Assert.DoesNotContain(StoredLines(hub), l => l.Contains("New-VHD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_the_agent_checks_and_finds_wrong_fails_with_the_reason()
    {
        var hub = new FakeAgentHub();
        await Coordinator(hub).ProvisionTarget(Job(@"\\nas01\backups\HV-NEW.vhd"));

        var final = await FinalAsync(hub);
        Assert.Equal(ProvisioningState.Failed, final.State);
        Assert.Contains("is not a .vhdx file", final.Error);
    }
}
