using BackupFleet.Server.Features.Auth;
using BackupFleet.Server.Features.Policies;
using BackupFleet.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Hosts;

public static class HostEndpoints
{
    public static void MapHosts(this RouteGroupBuilder api)
    {
        var hosts = api.MapGroup("/hosts").WithTags("Hosts");

        hosts.MapGet("/", async Task<Results<Ok<PagedList<HostSummary>>, ValidationProblem>> (
            HostQueries queries, CancellationToken ct, int page = 1, int pageSize = 100, string? search = null, string? health = null,
            string[]? tag = null, string? problems = null, string? sort = null, string? desc = null) =>
        {
            var errors = Paging.Validate(page, pageSize, HostQueries.MaxPageSize);
            var (query, queryErrors) = HostListQuery.Parse(search, health, tag, problems, sort, desc);
            foreach (var (field, messages) in queryErrors)
                errors[field] = messages;
            if (errors.Count > 0)
                return TypedResults.ValidationProblem(errors);
            return TypedResults.Ok(await queries.ListAsync(query, page, pageSize, ct));
        })
        .WithSummary("Hosts with health, tags, last run and next scheduled run")
        .WithDescription("Filters: search (part of the name), health (ok, warning, offline, failed), tag (repeat it: hosts with all of them), "
            + "problems (true or false: open error or warning findings). Order: sort (name, lastRun, health; default name), desc (true for descending).");

        hosts.MapGet("/{id:guid}", async Task<Results<Ok<HostSummary>, NotFound<ProblemDetails>>> (Guid id, HostQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, ct) is { } host ? TypedResults.Ok(host) : Problems.HostNotFound(id))
        .WithSummary("One host");

        hosts.MapPut("/{id:guid}/tags", async Task<Results<Ok<IReadOnlyList<string>>, ValidationProblem, NotFound<ProblemDetails>>> (
            Guid id, [FromBody] IReadOnlyList<string?>? tags, HostTagStore store, CancellationToken ct) =>
            await store.SaveAsync(id, tags, ct) switch
            {
                HostTagsSaveResult.Saved s => TypedResults.Ok(s.Tags),
                HostTagsSaveResult.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "The tags are not valid"),
                _ => Problems.HostNotFound(id),
            })
        .RequireAuthorization(AccessPolicies.Operate)
        .WithSummary("Replace the host's tags")
        .WithDescription($"A JSON array of at most {HostTags.MaxTags} tags. {HostTags.Rule} Spaces at either end are dropped and a tag given twice "
            + "(in any case) is kept once. Nothing is stored when any tag is invalid; [] removes them all.");

        hosts.MapGet("/{id:guid}/policy", async Task<Results<Ok<PolicyDto>, NotFound<ProblemDetails>>> (Guid id, PolicyService policies, HostQueries queries, CancellationToken ct) =>
        {
            if (await policies.GetAsync(id, ct) is { } policy)
                return TypedResults.Ok(policy);
            return await queries.GetAsync(id, ct) is null ? Problems.HostNotFound(id) : Problems.NoPolicy(id);
        })
        .WithSummary("The host's backup policy");

        hosts.MapPut("/{id:guid}/policy", async Task<Results<Ok<PolicyDto>, Created<PolicyDto>, ValidationProblem, NotFound<ProblemDetails>>> (
            Guid id, PolicyDto policy, PolicyService policies, CancellationToken ct) =>
            await policies.SaveAsync(id, policy, ct) switch
            {
                PolicySaveResult.Saved { Created: true } s => TypedResults.Created($"/api/v1/hosts/{id}/policy", s.Policy),
                PolicySaveResult.Saved s => TypedResults.Ok(s.Policy),
                PolicySaveResult.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "The policy is not valid"),
                _ => Problems.HostNotFound(id),
            })
        .RequireAuthorization(AccessPolicies.Operate)
        .WithSummary("Create or replace the host's backup policy; its schedule takes effect at once");

        hosts.MapPost("/{id:guid}/agent/revoke", async Task<Results<Ok<AgentRevoked>, NotFound<ProblemDetails>>> (
                Guid id, Agents.AgentCredentialRevoker revoker, CancellationToken ct) =>
                await revoker.RevokeAsync(id, ct) is { } count ? TypedResults.Ok(new AgentRevoked(id, count)) : Problems.HostNotFound(id))
            .RequireAuthorization(AccessPolicies.Operate)
            .WithSummary("Revoke the host's agent credential and close its connection now; it comes back only with a new token for this host");

        hosts.MapDelete("/{id:guid}/policy", async Task<Results<NoContent, NotFound<ProblemDetails>>> (Guid id, PolicyService policies, HostQueries queries, CancellationToken ct) =>
        {
            if (await policies.DeleteAsync(id, ct))
                return TypedResults.NoContent();
            return await queries.GetAsync(id, ct) is null ? Problems.HostNotFound(id) : Problems.NoPolicy(id);
        })
        .RequireAuthorization(AccessPolicies.Operate)
        .WithSummary("Delete the host's policy and its schedule");
    }
}

public sealed record AgentRevoked(Guid HostId, int CredentialsRevoked);
