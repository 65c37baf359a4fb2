using BackupFleet.Shared.Provisioning;
using BackupFleet.Agent.Platform.Windows.PowerShell;

namespace BackupFleet.Agent.Provisioning;

/// <summary>Runs a <see cref="ProvisioningPlan"/> through Windows PowerShell, printing each step, and dismounts on every way out.</summary>
public sealed class TargetProvisioner(WindowsPowerShell powerShell, Action<string> output)
{
    /// <exception cref="ProvisioningException">The VHDX exists already.</exception>
    /// <exception cref="PowerShellException">A step failed; the message is PowerShell's.</exception>
    public async Task RunAsync(ProvisioningPlan plan, CancellationToken ct)
    {
        foreach (var warning in plan.Warnings)
            output("Warning: " + warning);
        var exists = await powerShell.QueryAsync(plan.ExistsCheck.Title, plan.ExistsCheck.Script, ct);
        // Never overwrite or resize a disk that may hold backups; New-VHD would refuse too, but less clearly.
        if (exists.Count == 0 || exists[0].Bool("Exists") != false)
            throw new ProvisioningException(ExistsAlready(plan.VhdxPath));
        foreach (var step in plan.Create)
            await RunStepAsync(step, ct);
        try
        {
            await RunStepAsync(plan.MountAndPartition, ct);
            await RunStepAsync(plan.Format, ct);
        }
        catch (Exception e)
        {
            await DismountAfterFailureAsync(plan, e);
            throw;
        }
        // Cancelled after the format: the disk is made, and the dismount still runs.
        await RunStepAsync(plan.Dismount, CancellationToken.None);
        output($"Done: {plan.VhdxPath}, {TargetSize.Format(plan.SizeBytes)} fixed VHDX, NTFS '{plan.Label}', dismounted. "
            + $"Give the host's policy this path and the letter {plan.DriveLetter}.");
    }

    public static string ExistsAlready(string path) =>
        $"{path} exists already (or the share could not say): pick another file name, or delete that file first if it really is unused.";

    private async Task RunStepAsync(ProvisioningStep step, CancellationToken ct)
    {
        output($"{step.Title} …");
        await powerShell.RunAsync(step.Title, step.Script, step.Timeout, ct);
    }

    // The mount may or may not have happened: dismount anyway, without the (perhaps cancelled) token, and keep the first error.
    private async Task DismountAfterFailureAsync(ProvisioningPlan plan, Exception failure)
    {
        output($"Failed: {failure.Message}");
        try
        {
            await RunStepAsync(plan.Dismount, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            output($"Dismount-VHD after the failure did not work either ({e.Message}); if {plan.VhdxPath} is still attached, "
                + "run Dismount-VHD -Path on it.");
        }
    }
}
