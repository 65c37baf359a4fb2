using BackupFleet.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace BackupFleet.Server.Features.Auth;

/// <summary>
/// The dashboard cookie's checks: a session ends as soon as its account is deleted, locked out or changed (role, password:
/// Identity renews the security stamp), and the API answers 401/403 instead of redirecting to the sign-in page.
/// </summary>
public static class CookieEvents
{
    public static void Configure(CookieAuthenticationEvents events)
    {
        events.OnValidatePrincipal = ValidateAsync;
        events.OnRedirectToLogin = ctx => StatusOrRedirect(ctx, StatusCodes.Status401Unauthorized);
        events.OnRedirectToAccessDenied = ctx => StatusOrRedirect(ctx, StatusCodes.Status403Forbidden);
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        // A provider's user has no local account: the provider decided at sign-in, and the cookie's lifetime bounds it.
        if (ctx.Principal?.HasClaim(c => c.Type == OidcOptions.ExternalClaim) == true)
            return;
        var users = ctx.HttpContext.RequestServices.GetRequiredService<UserManager<AppUser>>();
        var id = ctx.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var user = id is null ? null : await users.FindByIdAsync(id);
        if (user is null || await users.IsLockedOutAsync(user) || user.SecurityStamp != ctx.Principal!.FindFirst(LoginEndpoints.StampClaim)?.Value)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static Task StatusOrRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
