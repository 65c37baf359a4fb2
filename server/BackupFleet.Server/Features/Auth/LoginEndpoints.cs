using System.Security.Claims;
using BackupFleet.Server.Data;
using BackupFleet.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Auth;

/// <summary>Cookie sign-in for the dashboard. A form post, because a Blazor circuit cannot set cookies.</summary>
public static class LoginEndpoints
{
    public const string LoginPath = "/login";

    public static void MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async (
            [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext http, FleetDb db, ILoggerFactory logs) =>
        {
            var user = string.IsNullOrEmpty(userName) ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName);
            if (user is null || string.IsNullOrEmpty(password) || !PasswordHashing.Verify(password, user.PasswordHash))
            {
                logs.CreateLogger("BackupFleet.Login").LogWarning("Failed sign-in for {User} from {Address}", userName, http.Connection.RemoteIpAddress);
                return Results.Redirect($"{LoginPath}?failed=1&returnUrl={Uri.EscapeDataString(LocalUrl(returnUrl))}");
            }
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Name, user.UserName)],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(LocalUrl(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(LoginPath);
        }).ExcludeFromDescription();
    }

    /// <summary>Only same-site paths, so the login form cannot be used to redirect elsewhere.</summary>
    private static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
