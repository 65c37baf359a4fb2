namespace BackupFleet.Shared.Paths;

/// <summary>Drive letters written one way, "C:", whatever form a policy or inventory uses ("c", "C:", "C:\").</summary>
public static class DriveLetters
{
    public static bool TryNormalise(string? value, out string normalised)
    {
        normalised = "";
        var v = value?.Trim() ?? "";
        if (v.EndsWith('\\'))
            v = v[..^1];
        if (v.EndsWith(':'))
            v = v[..^1];
        if (v.Length != 1 || !char.IsAsciiLetter(v[0]))
            return false;
        normalised = char.ToUpperInvariant(v[0]) + ":";
        return true;
    }

    public static string Normalise(string value) =>
        TryNormalise(value, out var normalised) ? normalised : throw new ArgumentException($"'{value}' is not a drive letter such as \"C:\".", nameof(value));
}
