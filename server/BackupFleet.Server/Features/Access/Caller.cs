using System.Security.Claims;
using BackupFleet.Server.Features.Auth;

namespace BackupFleet.Server.Features.Access;

/// <summary>Who is asking: a signed-in user or an API key, with the role it acts with.</summary>
/// <param name="UserId">The user, or for an API key the user who created it; null for the bootstrap key.</param>
/// <param name="ApiKeyId">Set when the caller is an API key.</param>
public sealed record Caller(string Name, string Role, Guid? UserId, Guid? ApiKeyId)
{
    public bool IsAdmin => Role == Roles.Admin;

    public static Caller From(ClaimsPrincipal user)
    {
        var keyOwner = Guid.TryParse(user.FindFirst(ApiKeyAuthenticationHandler.KeyOwnerClaim)?.Value, out var owner) ? owner : (Guid?)null;
        var role = Roles.All.OrderByDescending(Roles.Rank).FirstOrDefault(user.IsInRole) ?? "none";
        var id = Guid.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var parsed) ? parsed : (Guid?)null;
        var isKey = user.HasClaim(c => c.Type == ApiKeyAuthenticationHandler.ApiKeyClaim);
        return new Caller(user.Identity?.Name ?? "unknown", role, isKey ? keyOwner : id, isKey ? id : null);
    }
}
