using BackupFleet.Server.Features.Auth;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BackupFleet.Server.Features.Audit;

public static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async Task<Results<Ok<PagedList<AuditEntryView>>, ValidationProblem>> (
                AuditQueries queries, CancellationToken ct, string? actor = null, string? action = null, string? target = null,
                DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 100) =>
            {
                var errors = Paging.Validate(page, pageSize, AuditQueries.MaxPageSize);
                foreach (var (name, text) in new[] { ("actor", actor), ("target", target) })
                    if (text?.Length > 255 || text?.Any(char.IsControl) == true)
                        errors[name] = ["Filter texts are up to 255 printable characters."];
                if (action is not null && !AuditActions.All.Contains(action))
                    errors["action"] = [$"Not an audited action; the actions are: {string.Join(", ", AuditActions.All)}."];
                if (from > to)
                    errors["from"] = ["from is after to."];
                if (errors.Count > 0)
                    return TypedResults.ValidationProblem(errors);
                return TypedResults.Ok(await queries.ListAsync(new AuditFilter(actor, action, target, from, to), page, pageSize, ct));
            })
            .RequireAuthorization(AccessPolicies.Administer)
            .WithTags("Audit")
            .WithSummary("The audit log, newest first: who did what to what, from where, before → after");
    }
}
