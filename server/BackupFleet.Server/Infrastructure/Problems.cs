using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Infrastructure;

public static class Problems
{
    public static NotFound<ProblemDetails> HostNotFound(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Host not found", Detail = $"No host has the id {id}." });

    public static NotFound<ProblemDetails> RunNotFound(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Run not found", Detail = $"No run has the id {id}." });
}
