using BackupFleet.Server.Features.Auth;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Server.Infrastructure;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Runs;

public static class RunEndpoints
{
    public static void MapRuns(this RouteGroupBuilder api)
    {
        api.MapPost("/hosts/{id:guid}/runs", async Task<Results<Accepted<RunAccepted>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> (
            Guid id, RunStarter starter, CancellationToken ct) =>
            await starter.StartAsync(id, ct) switch
            {
                StartRunResult.Started s => TypedResults.Accepted($"/api/v1/runs/{s.RunId}", new RunAccepted(s.RunId, RunState.Queued)),
                StartRunResult.NoPolicy => TypedResults.Conflict(new ProblemDetails
                {
                    Status = 409, Title = "No policy", Detail = $"Host {id} has no backup policy; PUT /api/v1/hosts/{id}/policy first.",
                }),
                StartRunResult.AlreadyActive a => TypedResults.Conflict(new ProblemDetails
                {
                    Status = 409, Title = "A backup is already active",
                    Detail = $"Run {a.RunId} is {a.State} for this host; one backup runs per host at a time.",
                    Extensions = { ["runId"] = a.RunId },
                }),
                _ => Problems.HostNotFound(id),
            })
        .RequireAuthorization(AccessPolicies.Operate)
        .WithTags("Runs")
        .WithSummary("Run the host's backup now");

        api.MapPost("/runs/{id:guid}/cancel", async Task<Results<Accepted<RunAccepted>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> (
            Guid id, RunCanceller canceller, CancellationToken ct) =>
            await canceller.CancelAsync(id, ct) switch
            {
                CancelRunResult.Cancelled => TypedResults.Accepted($"/api/v1/runs/{id}", new RunAccepted(id, RunState.Cancelled)),
                CancelRunResult.Requested => TypedResults.Accepted($"/api/v1/runs/{id}", new RunAccepted(id, RunState.Running)),
                CancelRunResult.AlreadyFinished f => TypedResults.Conflict(new ProblemDetails
                {
                    Status = 409, Title = "The run has already ended", Detail = $"Run {id} is {f.State}; only queued or running runs can be cancelled.",
                }),
                _ => Problems.RunNotFound(id),
            })
        .RequireAuthorization(AccessPolicies.Operate)
        .WithTags("Runs")
        .WithSummary("Cancel a queued run, or ask the agent to stop a running one (it still dismounts the target)");

        api.MapGet("/hosts/{id:guid}/runs", async Task<Results<Ok<PagedList<RunView>>, ValidationProblem, NotFound<ProblemDetails>>> (
            Guid id, RunQueries queries, CancellationToken ct, int page = 1, int pageSize = 50) =>
        {
            var errors = Paging.Validate(page, pageSize, RunQueries.MaxPageSize);
            if (errors.Count > 0)
                return TypedResults.ValidationProblem(errors);
            return await queries.ListForHostAsync(id, page, pageSize, ct) is { } runs ? TypedResults.Ok(runs) : Problems.HostNotFound(id);
        })
        .WithTags("Runs")
        .WithSummary("The host's runs, newest first");

        api.MapGet("/runs/{id:guid}", async Task<Results<Ok<RunDetails>, ValidationProblem, NotFound<ProblemDetails>>> (
            Guid id, RunQueries queries, CancellationToken ct, int afterSequence = 0, int eventLimit = 1000) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (afterSequence < 0)
                errors["afterSequence"] = ["Cannot be negative."];
            if (eventLimit < 1 || eventLimit > RunQueries.MaxEventPage)
                errors["eventLimit"] = [$"Must be between 1 and {RunQueries.MaxEventPage}."];
            if (errors.Count > 0)
                return TypedResults.ValidationProblem(errors);
            return await queries.GetAsync(id, afterSequence, eventLimit, ct) is { } run ? TypedResults.Ok(run) : Problems.RunNotFound(id);
        })
        .WithTags("Runs")
        .WithSummary("One run with its steps and log lines in order");
    }
}
