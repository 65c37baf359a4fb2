using System.Text;

namespace BackupFleet.Server.Features.Hosts;

/// <summary>
/// What a host tag may be: 1 to 40 letters, digits, spaces and <c>- _ . :</c> (e.g. "site:Berlin", "customer ACME", "role.hyper-v"),
/// at most 20 on a host. Spaces at either end are dropped and a tag given twice (in any case) is kept once, as first spelt.
/// </summary>
public static class HostTags
{
    public const int MaxTags = 20;
    public const int MaxLength = 40;
    public const string Rule = "A tag is 1 to 40 letters, digits, spaces and - _ . : characters.";

    /// <summary>The tags as they are stored, or the errors keyed by field: <paramref name="field"/> for the list, "field[i]" for one tag.</summary>
    public static (string[] Tags, Dictionary<string, string[]> Errors) Normalise(IReadOnlyList<string?>? tags, string field = "tags")
    {
        var errors = new Dictionary<string, string[]>();
        if (tags is null)
        {
            errors[field] = ["Send a JSON array of tags, [] for none."];
            return ([], errors);
        }
        if (tags.Count > MaxTags)
        {
            errors[field] = [$"A host has at most {MaxTags} tags; {tags.Count} were sent."];
            return ([], errors);
        }
        var kept = new List<string>();
        for (var i = 0; i < tags.Count; i++)
        {
            if (Normalise(tags[i]) is not { } tag)
                errors[$"{field}[{i}]"] = [Rule];
            else if (!kept.Contains(tag, StringComparer.OrdinalIgnoreCase))
                kept.Add(tag);
        }
        return (errors.Count == 0 ? [.. kept] : [], errors);
    }

    /// <summary>One tag as stored (composed characters, no spaces at the ends), or null when it breaks the <see cref="Rule"/>.</summary>
    public static string? Normalise(string? tag)
    {
        if (tag is null || tag.Length > MaxLength * 4)
            return null;
        string composed;
        try { composed = tag.Normalize(NormalizationForm.FormC).Trim(' '); }
        catch (ArgumentException) { return null; } // a lone surrogate
        return composed.Length is > 0 and <= MaxLength && composed.All(Allowed) ? composed : null;
    }

    private static bool Allowed(char c) => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or ' ';
}
