namespace BackupFleet.Shared.Provisioning;

/// <summary>The server asks the agent to create the host's backup VHDX (KNOWLEDGE.md §2), checked on the server first.</summary>
public sealed record ProvisionTargetJob(Guid JobId, string VhdxPath, long SizeBytes, string DriveLetter, string Label);

public enum ProvisioningState { Queued, Running, Succeeded, Failed }

/// <summary>
/// What the agent reports about a provisioning job: new output lines, and at the end the final state. Each update is
/// stored once by (job, <paramref name="FirstLine"/>), so a resend after a lost answer does not repeat lines.
/// </summary>
/// <param name="FirstLine">The number of lines the agent sent before this update.</param>
public sealed record ProvisioningUpdate(Guid JobId, int FirstLine, IReadOnlyList<string> Lines, ProvisioningState State, string? Error);
