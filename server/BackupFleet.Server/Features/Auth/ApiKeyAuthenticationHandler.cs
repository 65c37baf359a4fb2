using System.Security.Claims;
using System.Text.Encodings.Web;
using BackupFleet.Server.Data;
using BackupFleet.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Auth;

/// <summary>Authenticates REST callers by the X-Api-Key header against the stored key hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    FleetDb db, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Present on a principal that is an API key (its id), so a key's own actions can be told from a user's.</summary>
    public const string ApiKeyClaim = "backupfleet:api-key";

    /// <summary>The user who created the key; keys it creates belong to that user too.</summary>
    public const string KeyOwnerClaim = "backupfleet:key-owner";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AuthSchemes.ApiKeyHeader, out var values) || string.IsNullOrWhiteSpace(values))
            return AuthenticateResult.NoResult();

        var hash = Secrets.Hash(values.ToString());
        var now = TimeProvider.GetUtcNow();
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.LastUsedAt, k.Role, k.CreatedBy })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (key is null)
            return AuthenticateResult.Fail("Unknown or revoked API key.");

        // Last use to the minute is what an administrator needs; do not write on every request.
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, key.Id.ToString()), new Claim(ClaimTypes.Name, "api-key:" + key.Name), new Claim(ClaimTypes.Role, key.Role),
             new Claim(ApiKeyClaim, key.Id.ToString())],
            Scheme.Name);
        if (key.CreatedBy is { } owner)
            identity.AddClaim(new Claim(KeyOwnerClaim, owner.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Context.User.FindFirst(ClaimTypes.Role)?.Value ?? "none";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = $"Your role ({role}) may not do this: changes need Operator or Admin, users and other people's keys Admin.",
            },
        });
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var hasKey = Request.Headers.ContainsKey(AuthSchemes.ApiKeyHeader);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = hasKey
                    ? "The API key in the X-Api-Key header is unknown or revoked."
                    : "Send an API key in the X-Api-Key header.",
            },
        });
    }
}
