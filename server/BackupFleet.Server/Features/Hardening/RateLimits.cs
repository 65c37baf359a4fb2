using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace BackupFleet.Server.Features.Hardening;

/// <summary>Bounds on how fast one client may try passwords or call the API (ASP.NET Core's rate limiter).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts per minute from one address: enough for people, too few for password spraying (lockout covers one account).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>API requests per minute per key or user (or address when anonymous): far above a dashboard or a script, far below a flood.</summary>
    public int ApiPerMinute { get; set; } = 1200;
}

public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Api = "api";

    public static IServiceCollection AddFleetRateLimits(this IServiceCollection services, RateLimitOptions limits) => services.AddRateLimiter(o =>
    {
        o.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInPerMinute, Window = TimeSpan.FromMinutes(1) }));
        o.AddPolicy(Api, context => RateLimitPartition.GetTokenBucketLimiter(
            context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.ApiPerMinute, TokensPerPeriod = limits.ApiPerMinute, ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            }));
        o.OnRejected = async (context, ct) =>
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await context.HttpContext.Response.WriteAsJsonAsync(new
            {
                type = "https://tools.ietf.org/html/rfc6585#section-4", title = "Too many requests", status = 429,
                detail = "Too many requests from this client in the last minute; wait a minute and try again.",
            }, ct);
        };
    });
}
