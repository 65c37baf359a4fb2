namespace BackupFleet.Server.Features.Hosts;

public enum HostSort { Name, LastRun, Health }

/// <summary>
/// Which hosts a fleet list shows, and in which order. The API (<c>GET /api/v1/hosts</c>) and the fleet page's address use the same
/// query string, so a view of the fleet can be bookmarked: <c>search</c> (part of the name), <c>health</c> (ok, warning, offline,
/// failed), <c>tag</c> (repeated: hosts with all of them, matched exactly), <c>problems</c> (true: with open error or warning findings;
/// false: without), <c>sort</c> (name, lastRun, health; then by name) and <c>desc</c>.
/// </summary>
/// <param name="Tags">Never null; empty for no tag filter.</param>
public sealed record HostListQuery(string? Search, HostHealth? Health, IReadOnlyList<string> Tags, bool? HasProblems, HostSort Sort, bool Descending)
{
    public const string SearchKey = "search", HealthKey = "health", TagKey = "tag", ProblemsKey = "problems", SortKey = "sort", DescendingKey = "desc";

    public static HostListQuery All { get; } = new(null, null, [], null, HostSort.Name, false);

    /// <summary>
    /// Reads the query string's values; what cannot be read is left out of the query and named in the errors (the API refuses
    /// them, the page ignores them).
    /// </summary>
    public static (HostListQuery Query, Dictionary<string, string[]> Errors) Parse(
        string? search, string? health, IReadOnlyList<string?>? tags, string? problems, string? sort, string? descending)
    {
        var errors = new Dictionary<string, string[]>();
        if (search?.Length > 255 || search?.Any(char.IsControl) == true)
        {
            errors[SearchKey] = ["Search for at most 255 printable characters."];
            search = null;
        }
        var (tagList, tagErrors) = HostTags.Normalise(tags ?? [], TagKey);
        foreach (var (field, messages) in tagErrors)
            errors[field] = messages;
        var query = new HostListQuery(
            string.IsNullOrWhiteSpace(search) ? null : search,
            Read<HostHealth>(health, HealthKey, errors),
            tagList,
            ReadBool(problems, ProblemsKey, errors),
            Read<HostSort>(sort, SortKey, errors) ?? HostSort.Name,
            ReadBool(descending, DescendingKey, errors) ?? false);
        return (query, errors);
    }

    /// <summary>The query string of this query, defaults left out, for NavigationManager.GetUriWithQueryParameters.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [SearchKey] = Search,
        [HealthKey] = Health?.ToString().ToLowerInvariant(),
        [TagKey] = Tags.Count == 0 ? null : Tags.ToArray(),
        [ProblemsKey] = HasProblems is { } problems ? (problems ? "true" : "false") : null,
        [SortKey] = Sort == HostSort.Name ? null : Camel(Sort.ToString()),
        [DescendingKey] = Descending ? "true" : null,
    };

    public bool IsFiltered => Search is not null || Health is not null || Tags.Count > 0 || HasProblems is not null;

    public bool Equals(HostListQuery? other) =>
        other is not null && Search == other.Search && Health == other.Health && Tags.SequenceEqual(other.Tags) && HasProblems == other.HasProblems
        && Sort == other.Sort && Descending == other.Descending;

    public override int GetHashCode() => HashCode.Combine(Search, Health, string.Join('\n', Tags), HasProblems, Sort, Descending);

    private static T? Read<T>(string? value, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value[0]))
            return parsed;
        errors[field] = [$"One of: {string.Join(", ", Enum.GetNames<T>().Select(Camel))}."];
        return null;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static bool? ReadBool(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (bool.TryParse(value, out var parsed))
            return parsed;
        errors[field] = ["true or false."];
        return null;
    }
}
