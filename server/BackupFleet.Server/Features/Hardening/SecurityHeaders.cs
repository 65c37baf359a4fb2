namespace BackupFleet.Server.Features.Hardening;

/// <summary>Headers that keep browsers from being turned against the dashboard: no framing, no sniffing, no foreign scripts.</summary>
public static class SecurityHeaders
{
    // Blazor Server needs its own scripts and a WebSocket to this host; MudBlazor sets inline styles. Nothing else is allowed.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // The API reference page (Scalar) loads its own assets its own way; everything else gets the strict policy.
        if (!context.Request.Path.StartsWithSegments("/scalar"))
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        await next();
    });
}
