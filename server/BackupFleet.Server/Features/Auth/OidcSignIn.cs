using BackupFleet.Server.Features.Audit;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace BackupFleet.Server.Features.Auth;

/// <summary>The OpenID Connect handler's settings: code flow, the session in BackupFleet's own cookie, the role from the groups.</summary>
public static class OidcSignIn
{
    public static void Configure(OpenIdConnectOptions o, OidcOptions settings)
    {
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.ResponseType = "code";
        o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.CallbackPath = "/signin-oidc";
        o.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile" })
            o.Scope.Add(scope);
        o.MapInboundClaims = false;
        o.Events.OnTokenValidated = async ctx =>
        {
            var audit = ctx.HttpContext.RequestServices.GetRequiredService<AuditLog>();
            var actor = ctx.HttpContext.RequestServices.GetRequiredService<AuditActor>();
            var external = ctx.Principal!;
            if (settings.Principal(external, CookieAuthenticationDefaults.AuthenticationScheme) is not { } principal)
            {
                actor.Set(external.FindFirst("preferred_username")?.Value ?? "unknown", ActorKinds.Anonymous, ctx.HttpContext.Connection.RemoteIpAddress?.ToString());
                await audit.RecordAsync(AuditActions.SignInFailed, null, null, new { provider = settings.DisplayName, reason = "in no mapped group" });
                ctx.Fail($"Your account is in no group that {settings.DisplayName} maps to a BackupFleet role; ask an administrator.");
                return;
            }
            ctx.Principal = principal;
            actor.Set(principal, ctx.HttpContext.Connection.RemoteIpAddress?.ToString());
            await audit.RecordAsync(AuditActions.SignIn, $"user {principal.Identity!.Name} ({settings.DisplayName})");
        };
    }
}
