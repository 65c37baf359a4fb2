using BackupFleet.Agent.Provisioning;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.Provisioning;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>
/// Plays the real plan's steps without touching anything, each line marked SIMULATED. Like the real one it refuses a
/// VHDX that exists, which here is the scenario's own target.
/// </summary>
public sealed class SimulatedProvisioning(Scenario scenario, TimeProvider time) : ITargetProvisioning
{
    public async Task ProvisionAsync(TargetRequest request, Action<string> output, CancellationToken ct)
    {
        var plan = ProvisioningPlanner.Plan(request);
        foreach (var warning in plan.Warnings)
            output("Warning: " + warning);
        if (WindowsPaths.Same(plan.VhdxPath, scenario.Inventory.BackupTarget.Path))
            throw new ProvisioningException(TargetProvisioner.ExistsAlready(plan.VhdxPath));
        foreach (var step in plan.Create.Append(plan.MountAndPartition).Append(plan.Format).Append(plan.Dismount))
        {
            output($"SIMULATED: {step.Title} …");
            await Task.Delay(TimeSpan.FromSeconds(scenario.Simulation.MountSeconds), time, ct);
        }
        output($"SIMULATED: done, nothing was created. {plan.VhdxPath} would now be a {TargetSize.Format(plan.SizeBytes)} fixed VHDX.");
    }
}
