using BackupFleet.Shared.Provisioning;

namespace BackupFleet.Server.Data;

/// <summary>One creation of a host's backup VHDX, sent to its agent from the dashboard or the API, with the agent's output.</summary>
public sealed class ProvisioningJobEntity
{
    public Guid Id { get; set; }
    public Guid HostId { get; set; }
    public required string VhdxPath { get; set; }
    public long SizeBytes { get; set; }
    public required string DriveLetter { get; set; }
    public required string Label { get; set; }
    public ProvisioningState State { get; set; }
    /// <summary>The agent's output, in order; the agent's update numbers say where each batch belongs.</summary>
    public List<string> Lines { get; set; } = [];
    public string? Error { get; set; }
    /// <summary>Who asked: the signed-in user or the API key's name.</summary>
    public string? RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
