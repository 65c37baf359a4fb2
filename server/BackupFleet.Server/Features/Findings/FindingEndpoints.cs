using BackupFleet.Shared.Text;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Server.Infrastructure;
using BackupFleet.Shared.Checks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Findings;

public static class FindingEndpoints
{
    public static void MapFindings(this RouteGroupBuilder api)
    {
        api.MapGet("/findings", async Task<Results<Ok<PagedList<FindingView>>, ValidationProblem>> (
            FindingQueries queries, CancellationToken ct, Guid? hostId = null, string? check = null, string? severity = null,
            bool includeResolved = false, int page = 1, int pageSize = 100) =>
        {
            var errors = Paging.Validate(page, pageSize, FindingQueries.MaxPageSize);
            if (check is not null && !CheckIds.All.Contains(check))
                errors["check"] = [$"'{Echo.Shorten(check)}' is not a check id; the ids are: {string.Join(", ", CheckIds.All)}."];
            FindingSeverity? level = null;
            if (severity is not null)
            {
                if (FindingSeverities.TryParse(severity, out var parsed))
                    level = parsed;
                else
                    errors["severity"] = [$"'{Echo.Shorten(severity)}' is not a severity; use error, warning or info."];
            }
            if (errors.Count > 0)
                return TypedResults.ValidationProblem(errors);
            return TypedResults.Ok(await queries.ListAsync(new FindingFilter(hostId, check, level, includeResolved), page, pageSize, ct));
        })
        .WithTags("Findings")
        .WithSummary("What the checks found across the fleet, worst first, then by rule, newest first; open ones unless includeResolved");

        api.MapGet("/hosts/{id:guid}/findings", async Task<Results<Ok<IReadOnlyList<FindingView>>, NotFound<ProblemDetails>>> (
            Guid id, FindingQueries queries, CancellationToken ct) =>
            await queries.ForHostAsync(id, ct) is { } findings ? TypedResults.Ok(findings) : Problems.HostNotFound(id))
        .WithTags("Findings")
        .WithSummary("The host's open findings, each with the evidence and the fix");
    }
}
