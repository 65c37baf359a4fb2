namespace BackupFleet.Server.Features.Auth;

/// <summary>What a user or an API key may do: Admin everything, Operator runs and policies, Viewer reads.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Viewer];

    /// <summary>Higher may do more; -1 for a name that is not a role.</summary>
    public static int Rank(string? role) => role switch { Admin => 2, Operator => 1, Viewer => 0, _ => -1 };

    /// <summary>The role as written here, from any casing; null when it is not one.</summary>
    public static string? Normalise(string? role) => All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
