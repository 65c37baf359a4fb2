namespace BackupFleet.Shared.Checks;

/// <summary>
/// One problem a check rule found. <paramref name="Subject"/> is what it is about (a VM name, a disk path, a volume such as
/// "D:", a target path or a host name), so that the same problem found again is the same finding (rule + subject).
/// </summary>
/// <param name="Check">A stable id from <see cref="CheckIds"/>.</param>
/// <param name="Message">The evidence, with the real names and paths.</param>
/// <param name="Fix">What to run or do, with the real names filled in; ready to paste where it is a command.</param>
public sealed record Finding(string Check, FindingSeverity Severity, string Subject, string Message, string Fix);

public enum FindingSeverity { Info, Warning, Error }
