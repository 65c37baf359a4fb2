namespace BackupFleet.Shared.Knowledge;

/// <summary>One code Windows reports in a backup or a restore: what it means and what to do about it.</summary>
/// <param name="Code">As <see cref="ErrorCodes.Normalise"/> writes it: "0x80070002", "Microsoft-Windows-Backup/5", "Hyper-V/32768".</param>
/// <param name="Symbol">Its name in Windows' headers (ERROR_FILE_NOT_FOUND); for an event its level; empty where there is none.</param>
/// <param name="WindowsText">Windows' own en-US text; empty where no public source gives it.</param>
/// <param name="Meaning">What it means, in plain words.</param>
/// <param name="Causes">The likely causes, the most likely first.</param>
/// <param name="Fix">What to do first. Commands keep placeholders (<see cref="Placeholders"/>) only where no real name can be known.</param>
public sealed record KnownError(string Code, string Symbol, string WindowsText, string Meaning, IReadOnlyList<Cause> Causes, string Fix);

/// <param name="Check">The rule (<see cref="Checks.CheckIds"/>) that finds this cause on a host before it fails, if there is one.</param>
public sealed record Cause(string Text, string? Check = null);
