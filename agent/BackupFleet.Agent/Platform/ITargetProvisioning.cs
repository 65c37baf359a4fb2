using BackupFleet.Shared.Provisioning;

namespace BackupFleet.Agent.Platform;

/// <summary>Creates a host's backup VHDX on the share, once (KNOWLEDGE.md §2).</summary>
public interface ITargetProvisioning
{
    /// <summary>Runs the whole creation and reports each step as a line; the request's problems must be empty.</summary>
    /// <exception cref="Provisioning.ProvisioningException">Refused, e.g. the file exists already.</exception>
    /// <exception cref="IOException">A step failed; the message is the tool's.</exception>
    Task ProvisionAsync(TargetRequest request, Action<string> output, CancellationToken ct);
}
