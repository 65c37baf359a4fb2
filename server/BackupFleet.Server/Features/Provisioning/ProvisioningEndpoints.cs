using BackupFleet.Server.Features.Auth;
using BackupFleet.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Provisioning;

public static class ProvisioningEndpoints
{
    public static void MapProvisioning(this RouteGroupBuilder api)
    {
        api.MapPost("/hosts/{id:guid}/target/provision", async Task<Results<Accepted<ProvisioningJobView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> (
            Guid id, ProvisioningRequestDto request, ProvisioningService service, HttpContext http, CancellationToken ct) =>
            await service.StartAsync(id, request, http.User.Identity?.Name, ct) switch
            {
                StartProvisioningResult.Started s => TypedResults.Accepted($"/api/v1/provisioning/{s.Job.Id}", s.Job),
                StartProvisioningResult.Invalid i => TypedResults.ValidationProblem(i.Errors),
                StartProvisioningResult.Refused r => TypedResults.Conflict(new ProblemDetails { Status = 409, Title = r.Title, Detail = r.Detail }),
                _ => Problems.HostNotFound(id),
            })
        .RequireAuthorization(AccessPolicies.Operate)
        .WithTags("Provisioning")
        .WithSummary("Have the host's agent create its backup VHDX: fixed, grown 2 TB at a time, GPT, NTFS with 64 KB clusters, dismounted");

        api.MapGet("/hosts/{id:guid}/target/provisioning", async Task<Results<Ok<IReadOnlyList<ProvisioningJobView>>, NotFound<ProblemDetails>>> (
            Guid id, ProvisioningQueries queries, CancellationToken ct) =>
            await queries.ListForHostAsync(id, ct) is { } jobs ? TypedResults.Ok(jobs) : Problems.HostNotFound(id))
        .WithTags("Provisioning")
        .WithSummary($"The host's latest provisioning jobs with their output, newest first");

        api.MapGet("/provisioning/{id:guid}", async Task<Results<Ok<ProvisioningJobView>, NotFound<ProblemDetails>>> (
            Guid id, ProvisioningQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, ct) is { } job
                ? TypedResults.Ok(job)
                : TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Provisioning job not found", Detail = $"No provisioning job has the id {id}." }))
        .WithTags("Provisioning")
        .WithSummary("One provisioning job with the agent's output");
    }
}
