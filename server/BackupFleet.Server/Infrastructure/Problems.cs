using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Infrastructure;

public static class Problems
{
    public static NotFound<ProblemDetails> HostNotFound(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Host not found", Detail = $"No host has the id {id}." });

    public static NotFound<ProblemDetails> NoPolicy(Guid hostId) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "No policy", Detail = $"Host {hostId} has no backup policy; PUT one." });

    public static NotFound<ProblemDetails> RunNotFound(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Run not found", Detail = $"No run has the id {id}." });
}
