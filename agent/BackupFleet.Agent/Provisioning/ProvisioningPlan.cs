namespace BackupFleet.Agent.Provisioning;

/// <summary>
/// What <see cref="TargetProvisioner"/> runs, in order: <see cref="Create"/> (New-VHD, then Resize-VHD steps),
/// <see cref="MountAndPartition"/>, <see cref="Format"/>, and <see cref="Dismount"/> on every way out once the mount was tried.
/// </summary>
public sealed record ProvisioningPlan(
    string VhdxPath,
    long SizeBytes,
    string DriveLetter,
    string Label,
    IReadOnlyList<string> Warnings,
    ProvisioningStep ExistsCheck,
    IReadOnlyList<ProvisioningStep> Create,
    ProvisioningStep MountAndPartition,
    ProvisioningStep Format,
    ProvisioningStep Dismount)
{
    public IEnumerable<ProvisioningStep> Steps => [.. Create, MountAndPartition, Format, Dismount];
}
