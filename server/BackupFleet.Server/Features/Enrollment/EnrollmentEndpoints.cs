using BackupFleet.Server.Features.Auth;
using BackupFleet.Shared.Enrollment;
using BackupFleet.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Enrollment;

public static class EnrollmentEndpoints
{
    /// <param name="HostId">Only to re-enroll an existing host (its agent was reinstalled); omit it for a new host.</param>
    public sealed record CreateTokenRequest(int? ValidForHours, Guid? HostId);

    public static void MapEnrollment(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapPost("/enrollment-tokens", async Task<Results<Ok<EnrollmentTokenCreated>, ValidationProblem, NotFound<ProblemDetails>>> (
            CreateTokenRequest? request, EnrollmentService enrollment, CancellationToken ct) =>
        {
            var hours = request?.ValidForHours ?? (int)EnrollmentService.DefaultLifetime.TotalHours;
            if (hours < 1 || hours > EnrollmentService.MaxLifetime.TotalHours)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["validForHours"] = [$"Must be between 1 and {EnrollmentService.MaxLifetime.TotalHours} hours."],
                });
            var created = await enrollment.CreateTokenAsync(TimeSpan.FromHours(hours), request?.HostId, ct);
            return created is null ? Problems.HostNotFound(request!.HostId!.Value) : TypedResults.Ok(created);
        })
        .RequireAuthorization(AccessPolicies.Operate)
        .WithTags("Agents")
        .WithSummary("Create a single-use enrollment token for one agent");

        // The agent has no credential yet: the token in the body is what authenticates it.
        app.MapPost(EnrollmentRoute.Path, async Task<Results<Ok<EnrollResponse>, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> (
            EnrollRequest request, EnrollmentService enrollment, CancellationToken ct) =>
            await enrollment.EnrollAsync(request, ct) switch
            {
                EnrollResult.Enrolled e => TypedResults.Ok(e.Response),
                EnrollResult.Invalid i => TypedResults.ValidationProblem(i.Errors),
                EnrollResult.Conflict c => TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "Enrollment refused", Detail = c.Detail }),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Enrollment refused",
                    detail: "The enrollment token is unknown, already used or expired. Create a new one on the server."),
            })
        .AllowAnonymous()
        .WithTags("Agents")
        .WithSummary("Trade an enrollment token for the host's agent credential");
    }
}
