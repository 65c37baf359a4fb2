namespace BackupFleet.Agent.Platform;

/// <summary>Attaching and detaching the backup VHDX that lives on the NAS share (Mount-VHD / Dismount-VHD on Windows).</summary>
public interface IVirtualDisks
{
    /// <summary>
    /// Attaches the VHDX. Its volume appears some time later, at <paramref name="driveLetter"/> ("B:"): Windows usually
    /// restores the letter it had, and the real platform assigns it when Windows did not.
    /// </summary>
    Task MountAsync(string vhdxPath, string driveLetter, CancellationToken ct);

    /// <summary>The attached VHDX's volume, or null when the VHDX is not attached or has no volume yet.</summary>
    Task<MountedVolume?> GetVolumeAsync(string vhdxPath, CancellationToken ct);

    /// <summary>True while something (the backup engine, after wbadmin has exited) still holds the disk.</summary>
    Task<bool> IsInUseAsync(string vhdxPath, CancellationToken ct);

    Task<bool> IsMountedAsync(string vhdxPath, CancellationToken ct);

    Task DismountAsync(string vhdxPath, CancellationToken ct);
}
