namespace BackupFleet.Shared.Restore;

/// <summary>One thing a person does in a restore.</summary>
/// <param name="Command">Ready to paste into an elevated Windows PowerShell on the host; null for a step done by hand.</param>
public sealed record RestoreStep(string Instruction, string? Command = null);

/// <summary>One restore a person would do, start to end: the backup disk mounted first and dismounted after.</summary>
public sealed record RestoreProcedure(RestoreKind Kind, string Title, IReadOnlyList<RestoreStep> Steps);

public enum RestoreKind { Files, Volume, SystemState, VirtualMachine, BareMetal }

/// <param name="ListItems">Lists what the version holds, to look before restoring.</param>
public sealed record RestorePlan(string VersionIdentifier, RestoreStep ListItems, IReadOnlyList<RestoreProcedure> Procedures);
