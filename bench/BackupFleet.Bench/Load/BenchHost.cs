namespace BackupFleet.Bench.Load;

/// <summary>An enrolled host of the bench: its name, its id and agent credential from enrollment, and the NAS its backups go to.</summary>
public sealed record BenchHost(int Index, string Name, Guid HostId, string Credential, string Nas);
