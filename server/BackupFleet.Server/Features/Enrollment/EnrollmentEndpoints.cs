using BackupFleet.Shared.Enrollment;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BackupFleet.Server.Features.Enrollment;

public static class EnrollmentEndpoints
{
    public sealed record CreateTokenRequest(int? ValidForHours);

    public static void MapEnrollment(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapPost("/enrollment-tokens", async Task<Results<Created<EnrollmentTokenCreated>, ValidationProblem>> (
            CreateTokenRequest? request, EnrollmentService enrollment, CancellationToken ct) =>
        {
            var hours = request?.ValidForHours ?? (int)EnrollmentService.DefaultLifetime.TotalHours;
            if (hours < 1 || hours > EnrollmentService.MaxLifetime.TotalHours)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["validForHours"] = [$"Must be between 1 and {EnrollmentService.MaxLifetime.TotalHours} hours."],
                });
            var created = await enrollment.CreateTokenAsync(TimeSpan.FromHours(hours), ct);
            return TypedResults.Created((string?)null, created);
        })
        .WithSummary("Create a single-use enrollment token for one agent");

        // The agent has no credential yet: the token in the body is what authenticates it.
        app.MapPost(EnrollmentRoute.Path, async Task<Results<Ok<EnrollResponse>, ValidationProblem, ProblemHttpResult>> (
            EnrollRequest request, EnrollmentService enrollment, CancellationToken ct) =>
            await enrollment.EnrollAsync(request, ct) switch
            {
                EnrollResult.Enrolled e => TypedResults.Ok(e.Response),
                EnrollResult.Invalid i => TypedResults.ValidationProblem(i.Errors),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Enrollment refused",
                    detail: "The enrollment token is unknown, already used or expired. Create a new one on the server."),
            })
        .AllowAnonymous()
        .WithTags("Agents")
        .WithSummary("Trade an enrollment token for the host's agent credential");
    }
}
