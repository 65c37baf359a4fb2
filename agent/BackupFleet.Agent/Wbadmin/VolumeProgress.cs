namespace BackupFleet.Agent.Wbadmin;

/// <param name="Volume">The volume as wbadmin names it, e.g. "Windows(C:)" or "SYSTEM(EFI System Partition) (100.00 MB)".</param>
public readonly record struct VolumeProgress(string Volume, int Percent);
