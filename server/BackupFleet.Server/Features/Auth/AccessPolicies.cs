using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace BackupFleet.Server.Features.Auth;

/// <summary>
/// The three levels of access, for the API (a signed-in user's cookie or an API key) and the dashboard alike.
/// Every /api/v1 endpoint needs at least <see cref="Read"/>; changes need <see cref="Operate"/>; users and all keys <see cref="Administer"/>.
/// </summary>
public static class AccessPolicies
{
    public const string Read = "read";
    public const string Operate = "operate";
    public const string Administer = "administer";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Read, p => Build(p, Roles.Admin, Roles.Operator, Roles.Viewer));
        o.AddPolicy(Operate, p => Build(p, Roles.Admin, Roles.Operator));
        o.AddPolicy(Administer, p => Build(p, Roles.Admin));
    }

    private static void Build(AuthorizationPolicyBuilder p, params string[] roles) => p
        .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, AuthSchemes.ApiKey)
        .RequireAuthenticatedUser()
        .RequireRole(roles);
}
