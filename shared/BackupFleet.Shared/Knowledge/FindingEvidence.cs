using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge;

/// <summary>Weighs a code's causes against the host's findings: a cause a check confirms says so, and its fix comes first.</summary>
internal static class FindingEvidence
{
    /// <summary>The causes as text, in their order, names filled in; and the findings that confirm any of them.</summary>
    public static (IReadOnlyList<string> Causes, IReadOnlyList<Finding> Confirming) Weigh(
        IEnumerable<Cause> causes, IReadOnlyList<Finding>? findings, Func<string, string> fill)
    {
        var texts = new List<string>();
        var confirming = new List<Finding>();
        foreach (var cause in causes)
        {
            var found = cause.Check is null || findings is null ? [] : findings.Where(f => f.Check == cause.Check).ToList();
            confirming.AddRange(found);
            texts.Add(fill(cause.Text) + string.Concat(found.Select(f => $" This host's check {f.Check} found: {f.Message}")));
        }
        return (texts, confirming.Distinct().ToList());
    }

    /// <summary>The confirming findings' fixes first, then the general fix.</summary>
    public static string FixFirst(IReadOnlyList<Finding> confirming, string fix) =>
        confirming.Count == 0 ? fix : $"First fix what this host's checks found:\n{string.Join("\n", confirming.Select(f => f.Fix))}\nThen, if it still fails: {fix}";
}
