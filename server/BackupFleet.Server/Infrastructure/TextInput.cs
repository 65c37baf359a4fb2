namespace BackupFleet.Server.Infrastructure;

/// <summary>Text a caller typed, made safe to echo in an error or to search with.</summary>
public static class TextInput
{
    /// <summary>Echoes bad input back without letting a huge value flood the error.</summary>
    public static string Shorten(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";

    /// <summary>An ILIKE pattern matching <paramref name="text"/> anywhere, its own % and _ taken literally.</summary>
    public static string Containing(string text) =>
        "%" + text.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}
