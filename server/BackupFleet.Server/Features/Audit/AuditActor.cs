using System.Security.Claims;
using BackupFleet.Server.Features.Auth;

namespace BackupFleet.Server.Features.Audit;

/// <summary>
/// Who the current unit of work acts for, for the audit log. An API request fills it from its HTTP context; a dashboard
/// action from the circuit's signed-in user (a circuit has no HTTP context); background work names itself.
/// </summary>
public sealed class AuditActor(IHttpContextAccessor http)
{
    private (string Name, string Kind, string? Address)? _set;

    public void Set(ClaimsPrincipal user, string? address) => _set = Describe(user, address);

    public void Set(string name, string kind, string? address = null) => _set = (name, kind, address);

    public (string Name, string Kind, string? Address) Current =>
        _set ?? (http.HttpContext is { } ctx ? Describe(ctx.User, ctx.Connection.RemoteIpAddress?.ToString()) : ("system", ActorKinds.System, null));

    private static (string, string, string?) Describe(ClaimsPrincipal user, string? address)
    {
        if (user.Identity?.IsAuthenticated != true)
            return ("anonymous", ActorKinds.Anonymous, address);
        var kind = user.HasClaim(c => c.Type == ApiKeyAuthenticationHandler.ApiKeyClaim) ? ActorKinds.ApiKey
            : user.Identity.AuthenticationType == AuthSchemes.Agent ? ActorKinds.Agent
            : ActorKinds.User;
        return (user.Identity.Name ?? "unknown", kind, address);
    }
}

public static class ActorKinds
{
    public const string User = "user";
    public const string ApiKey = "api-key";
    public const string Agent = "agent";
    public const string Anonymous = "anonymous";
    public const string System = "system";
}
