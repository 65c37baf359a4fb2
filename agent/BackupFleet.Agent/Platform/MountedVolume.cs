namespace BackupFleet.Agent.Platform;

/// <param name="DriveLetter">"B:", or null while the volume has no letter.</param>
/// <param name="IsOnline">False while Windows is still bringing the disk and its volume up.</param>
public sealed record MountedVolume(string? DriveLetter, bool IsOnline);
