using BackupFleet.Server.Infrastructure;
using BackupFleet.Shared.Restore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Restore;

public static class RestoreEndpoints
{
    private const int MaxVersionLength = 64;

    public static void MapRestore(this RouteGroupBuilder api)
    {
        api.MapGet("/hosts/{id:guid}/restore-plans", async Task<Results<Ok<IReadOnlyList<RestorePlan>>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> (
            Guid id, RestoreQueries queries, CancellationToken ct, string? version = null) =>
        {
            // Identifiers are what wbadmin printed, e.g. 11/20/2026-21:00: short and printable.
            if (version is not null && (version.Length is 0 or > MaxVersionLength || version.Any(char.IsControl)))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["version"] = [$"A version identifier is 1 to {MaxVersionLength} printable characters, such as 11/20/2026-21:00."],
                });
            return await queries.PlanAsync(id, version, ct) switch
            {
                RestorePlanResult.Planned p => TypedResults.Ok(p.Plans),
                RestorePlanResult.NotPossible n => TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "No restore commands for this host", Detail = n.Reason }),
                _ => Problems.HostNotFound(id),
            };
        })
        .WithTags("Restore")
        .WithSummary("For each backup version (or ?version=11/20/2026-21:00), the commands of each restore it allows, bare metal included");
    }
}
