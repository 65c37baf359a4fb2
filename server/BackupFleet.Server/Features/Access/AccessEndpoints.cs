using BackupFleet.Server.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Access;

public static class AccessEndpoints
{
    public static void MapAccess(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");
        keys.MapPost("", async Task<Results<Created<ApiKeyCreated>, ValidationProblem>> (ApiKeyRequest request, ApiKeyService service, HttpContext http, CancellationToken ct) =>
        {
            var (created, errors) = await service.CreateAsync(Caller.From(http.User), request, ct);
            if (created is null)
                return TypedResults.ValidationProblem(errors);
            return TypedResults.Created($"/api/v1/api-keys/{created.Id}", created);
        })
            .WithSummary("Create an API key with a role no higher than yours; the key is in this answer only");
        keys.MapGet("", async (ApiKeyService service, HttpContext http, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(Caller.From(http.User), ct)))
            .WithSummary("Your API keys (an Admin sees all), with when each was last used; never the keys themselves");
        keys.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound<ProblemDetails>>> (Guid id, ApiKeyService service, HttpContext http, CancellationToken ct) =>
            await service.RevokeAsync(Caller.From(http.User), id, ct)
                ? TypedResults.NoContent()
                : TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "API key not found", Detail = $"You have no API key with the id {id}." }))
            .WithSummary("Revoke an API key: it stops working with the next request");

        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(AccessPolicies.Administer);
        users.MapGet("", async (UserService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("Dashboard accounts with their role and whether they are locked out");
        users.MapPost("", async (NewUserRequest request, UserService service, CancellationToken ct) =>
            Result(await service.CreateAsync(request, ct), created: true))
            .WithSummary("Create an account (password of 12 characters or more) with a role");
        users.MapPut("/{id:guid}/role", async (Guid id, RoleRequest request, UserService service, CancellationToken ct) =>
            Result(await service.SetRoleAsync(id, request, ct)))
            .WithSummary("Change an account's role; its open sessions end");
        users.MapDelete("/{id:guid}", async (Guid id, UserService service, HttpContext http, CancellationToken ct) =>
            Result(await service.DeleteAsync(id, Caller.From(http.User), ct)))
            .WithSummary("Delete an account (not your own, not the last Admin)");
    }

    private static IResult Result(UserChange change, bool created = false) => change switch
    {
        UserChange.Done d when created => TypedResults.Created($"/api/v1/users/{d.User.Id}", d.User),
        UserChange.Done d => TypedResults.Ok(d.User),
        UserChange.Invalid i => TypedResults.ValidationProblem(i.Errors),
        UserChange.Refused r => TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "Refused", Detail = r.Reason }),
        _ => TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "User not found" }),
    };
}
