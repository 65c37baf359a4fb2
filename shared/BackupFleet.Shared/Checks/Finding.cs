using System.Text.Json.Serialization;

namespace BackupFleet.Shared.Checks;

/// <summary>
/// One problem a check rule found. <paramref name="Subject"/> is what it is about (a VM name, a disk path, a volume such as
/// "D:", a target path or a host name), so that the same problem found again is the same finding (rule + subject).
/// </summary>
/// <param name="Check">A stable id from <see cref="CheckIds"/>.</param>
/// <param name="Message">The evidence, with the real names and paths.</param>
/// <param name="Fix">
/// What to run or do, with the real names filled in. It is PowerShell as a whole: commands ready to paste, and what is to be
/// read rather than run as # comments, so that the whole text can go into a PowerShell prompt.
/// </param>
public sealed record Finding(string Check, FindingSeverity Severity, string Subject, string Message, string Fix)
{
    /// <summary>The order findings are shown in: the worst first, then by rule, then by subject.</summary>
    public static readonly IComparer<Finding> Order = Comparer<Finding>.Create((a, b) =>
    {
        var bySeverity = b.Severity.CompareTo(a.Severity);
        if (bySeverity != 0)
            return bySeverity;
        var byCheck = string.CompareOrdinal(a.Check, b.Check);
        return byCheck != 0 ? byCheck : string.CompareOrdinal(a.Subject, b.Subject);
    });
}

/// <summary>Written in JSON as "error", "warning" and "info", the words the API, the CLI and the dashboard use.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("error")] Error,
}
