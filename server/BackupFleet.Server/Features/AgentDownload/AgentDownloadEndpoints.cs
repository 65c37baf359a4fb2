using Microsoft.AspNetCore.Http.HttpResults;

namespace BackupFleet.Server.Features.AgentDownload;

/// <summary>
/// What a Windows host fetches to install the agent, before it has any credential: the install script and the published
/// agent. Both are anonymous; the enrollment token the administrator passes to the script is what grants access.
/// </summary>
public static class AgentDownloadEndpoints
{
    public const string DownloadPath = "/agent/download/" + PublishedAgent.RuntimeId;
    public const string InstallScriptPath = "/agent/install.ps1";

    /// <summary>The SHA-256 (lower-case hex) of the file served, which the install script checks before running it.</summary>
    public const string Sha256Header = "X-Agent-Sha256";

    public static void MapAgentDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(DownloadPath, async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (
            PublishedAgent agent, HttpContext http, ILogger<PublishedAgent> log, CancellationToken ct) =>
        {
            if (await agent.OpenAsync(ct) is not { } found)
            {
                // The folder stays in the server's log: an anonymous caller has no business learning the server's paths.
                log.LogWarning("GET {Path}: no {File} in {Directory}", DownloadPath, PublishedAgent.FileName,
                    agent.Directory ?? "(Agent:DownloadDirectory is not set and no repository was found)");
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No Windows agent on this server",
                    detail: $"The server has no published {PublishedAgent.RuntimeId} agent. Its administrator publishes one with ./build.sh test "
                        + $"(or dotnet publish) into the folder that Agent:DownloadDirectory names, as {PublishedAgent.RuntimeId}/{PublishedAgent.FileName}.");
            }
            http.Response.Headers[Sha256Header] = found.Sha256;
            return TypedResults.File(found.File, "application/octet-stream", PublishedAgent.FileName);
        })
        .AllowAnonymous()
        .WithTags("Agents")
        .WithSummary("Download the published Windows agent; its SHA-256 is in the X-Agent-Sha256 header");

        app.MapGet(InstallScriptPath, () => TypedResults.Text(InstallScript.Text.Value, "text/plain", System.Text.Encoding.UTF8))
            .AllowAnonymous()
            .WithTags("Agents")
            .WithSummary("The PowerShell script that downloads, verifies and installs the agent on a Windows host");
    }
}
