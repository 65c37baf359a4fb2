using System.Security.Claims;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Access;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Shared.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Auth;

/// <summary>Cookie sign-in for the dashboard. A form post, because a Blazor circuit cannot set cookies.</summary>
public static class LoginEndpoints
{
    public const string LoginPath = "/login";

    public static void MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async (
            [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, AuditActor actor, ILoggerFactory logs) =>
        {
            // Nobody has a name or password longer than an account can have: refused like a wrong one, without a lookup or a hash.
            var user = string.IsNullOrEmpty(userName) || userName.Length > UserService.MaxUserNameLength ? null : await users.FindByNameAsync(userName);
            // Counts the failure towards the lockout; a locked-out account is refused even with the right password.
            var check = user is null || string.IsNullOrEmpty(password) || password.Length > UserService.MaxPasswordLength
                ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            if (!check.Succeeded)
            {
                var typed = Echo.Shorten(userName);
                logs.CreateLogger("BackupFleet.Login").LogWarning("Failed sign-in for {User} from {Address}{LockedOut}", typed, http.Connection.RemoteIpAddress,
                    check.IsLockedOut ? " (locked out)" : "");
                actor.Set(typed, ActorKinds.Anonymous, http.Connection.RemoteIpAddress?.ToString());
                await audit.RecordAsync(AuditActions.SignInFailed, user is null ? null : AuditTargets.User(user.Id, user.UserName!), null,
                    new { lockedOut = check.IsLockedOut, knownUser = user is not null });
                return Results.Redirect($"{LoginPath}?failed={(check.IsLockedOut ? 2 : 1)}&returnUrl={Uri.EscapeDataString(LocalUrl(returnUrl))}");
            }
            var principal = await PrincipalAsync(user!, users);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            actor.Set(principal, http.Connection.RemoteIpAddress?.ToString());
            await audit.RecordAsync(AuditActions.SignIn, AuditTargets.User(user!.Id, user.UserName!));
            return Results.LocalRedirect(LocalUrl(returnUrl));
        }).AllowAnonymous().RequireRateLimiting(Hardening.RateLimits.SignIn).ExcludeFromDescription();

        app.MapGet("/account/login-oidc", (string? returnUrl, OidcOptions oidc) => oidc.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }, [OidcOptions.Scheme])
                : Results.NotFound())
            .AllowAnonymous().RequireRateLimiting(Hardening.RateLimits.SignIn).ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(LoginPath);
        }).ExcludeFromDescription();
    }

    /// <summary>The user's id, name and roles; the security stamp lets a changed account end its sessions (see the cookie's validation).</summary>
    public static async Task<ClaimsPrincipal> PrincipalAsync(AppUser user, UserManager<AppUser> users)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName!),
            new(StampClaim, user.SecurityStamp ?? ""),
        };
        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public const string StampClaim = "backupfleet:stamp";

    /// <summary>Only same-site paths, so the login form cannot be used to redirect elsewhere.</summary>
    private static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
