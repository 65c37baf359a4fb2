namespace BackupFleet.Server.Components.Shared;

/// <summary>A form's validation errors keyed by field, as the services return them, for MudBlazor's Error/ErrorText.</summary>
public sealed class FieldErrors(Dictionary<string, string[]> errors)
{
    public static FieldErrors None { get; } = new([]);

    public bool Any => errors.Count > 0;

    /// <summary>Whether <paramref name="field"/> or one of its items ("field[2]") has an error.</summary>
    public bool Has(string field) => errors.Keys.Any(k => k == field || k.StartsWith(field + "[", StringComparison.Ordinal));

    /// <summary>The errors of <paramref name="field"/> and its items in one sentence; null when there are none.</summary>
    public string? Text(string field) =>
        Has(field) ? string.Join(" ", errors.Where(e => e.Key == field || e.Key.StartsWith(field + "[", StringComparison.Ordinal)).SelectMany(e => e.Value)) : null;
}
