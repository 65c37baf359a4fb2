using System.Security.Claims;

namespace BackupFleet.Server.Features.Auth;

/// <summary>
/// Optional sign-in with an OpenID Connect provider (Microsoft Entra ID, Keycloak, …). Off unless <see cref="Authority"/> is
/// set; the provider's group claim decides the role, and someone in no mapped group is not let in.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Oidc";
    public const string Scheme = "oidc";
    /// <summary>On a principal signed in through the provider: it has no local account to re-check on each request.</summary>
    public const string ExternalClaim = "backupfleet:external";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "Microsoft Entra ID";
    /// <summary>The claim holding the user's groups: "groups" for Entra ID (object ids), often "groups" or "roles" elsewhere.</summary>
    public string GroupClaim { get; set; } = "groups";
    public string[] AdminGroups { get; set; } = [];
    public string[] OperatorGroups { get; set; } = [];
    public string[] ViewerGroups { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>What is wrong with the settings, each naming its key; empty when it is fine (or switched off).</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!Enabled)
            return [];
        var problems = new List<string>();
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            problems.Add($"{Section}:Authority must be the provider's https address, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 (it is '{Authority}').");
        if (string.IsNullOrWhiteSpace(ClientId))
            problems.Add($"{Section}:ClientId is required: the application (client) id registered at the provider.");
        if (string.IsNullOrWhiteSpace(ClientSecret))
            problems.Add($"{Section}:ClientSecret is required: the server signs in with the authorization code flow.");
        if (AdminGroups.Length + OperatorGroups.Length + ViewerGroups.Length == 0)
            problems.Add($"{Section}:AdminGroups, OperatorGroups or ViewerGroups must name at least one group; without one nobody could sign in.");
        return problems;
    }

    /// <summary>The highest role one of <paramref name="groups"/> maps to; null when none does.</summary>
    public string? RoleFor(IEnumerable<string> groups)
    {
        var set = groups.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return AdminGroups.Any(set.Contains) ? Roles.Admin
            : OperatorGroups.Any(set.Contains) ? Roles.Operator
            : ViewerGroups.Any(set.Contains) ? Roles.Viewer
            : null;
    }

    /// <summary>The dashboard's own principal for a provider's user: id, name and the mapped role; null when no group maps.</summary>
    public ClaimsPrincipal? Principal(ClaimsPrincipal external, string authenticationType)
    {
        if (RoleFor(external.FindAll(GroupClaim).Select(c => c.Value)) is not { } role)
            return null;
        var id = external.FindFirst("sub")?.Value ?? external.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "unknown";
        var name = external.FindFirst("preferred_username")?.Value ?? external.FindFirst("name")?.Value ?? external.Identity?.Name ?? id;
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(ExternalClaim, Scheme)],
            authenticationType));
    }
}
