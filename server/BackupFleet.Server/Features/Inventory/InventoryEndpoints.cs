using BackupFleet.Server.Infrastructure;
using BackupFleet.Shared.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackupFleet.Server.Features.Inventory;

public static class InventoryEndpoints
{
    public static void MapInventory(this RouteGroupBuilder api)
    {
        var hosts = api.MapGroup("/hosts").WithTags("Hosts");

        hosts.MapGet("/{id:guid}/versions", async Task<Results<Ok<IReadOnlyList<BackupVersionDto>>, NotFound<ProblemDetails>>> (
            Guid id, InventoryStore store, CancellationToken ct) =>
            await store.VersionsAsync(id, ct) is { } versions ? TypedResults.Ok(versions) : Problems.HostNotFound(id))
        .WithSummary("The backup versions on the host's target, newest first, as wbadmin last listed them");

        hosts.MapGet("/{id:guid}/inventory", async Task<Results<ContentHttpResult, NotFound<ProblemDetails>>> (
            Guid id, InventoryStore store, CancellationToken ct) =>
            await store.InventoryJsonAsync(id, ct) switch
            {
                null => Problems.HostNotFound(id),
                "" => TypedResults.NotFound(new ProblemDetails
                {
                    Status = 404, Title = "No inventory", Detail = $"The agent of host {id} has not sent an inventory yet.",
                }),
                var json => TypedResults.Content(json, "application/json"),
            })
        .WithSummary("The host's last inventory snapshot (format: inventory.md)");
    }
}
