using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Hardening;

/// <summary>
/// A request the endpoints cannot even read (JSON that does not parse or has the wrong types, a number that overflows, a
/// query value that is no number, date or id) answers 400 with a problem that says where it went wrong. Minimal APIs
/// throw these only with <see cref="RouteHandlerOptions.ThrowOnBadRequest"/>; otherwise they answer an empty 400.
/// </summary>
public sealed class UnreadableRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public static void Add(IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<UnreadableRequests>();
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        http.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read",
                Detail = Describe(bad),
            },
        });
    }

    /// <summary>System.Text.Json names the JSON path and line; a binding failure names the parameter and quotes the value.</summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException is JsonException json
        ? "The body is not the JSON this endpoint takes: " + json.Message
        : bad.Message.Length <= 200 ? bad.Message : bad.Message[..200] + "…";
}
