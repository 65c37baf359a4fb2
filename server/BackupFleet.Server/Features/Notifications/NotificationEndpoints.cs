using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Notifications;

/// <summary>One delivery as the log shows it; the body sent is not repeated here.</summary>
public sealed record DeliveryView(Guid Id, string Event, Guid HostId, Guid SubjectId, string Channel, DeliveryState State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt, int? LastStatus, string? LastError);

public static class NotificationEndpoints
{
    public const int MaxPageSize = 500;

    public static void MapNotifications(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications/deliveries", async Task<Results<Ok<PagedList<DeliveryView>>, ValidationProblem>> (
            FleetDb db, CancellationToken ct, int page = 1, int pageSize = 100) =>
        {
            var errors = Paging.Validate(page, pageSize, MaxPageSize);
            if (errors.Count > 0)
                return TypedResults.ValidationProblem(errors);
            var total = await db.NotificationDeliveries.CountAsync(ct);
            var items = await db.NotificationDeliveries.AsNoTracking().OrderByDescending(d => d.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize)
                .Select(d => new DeliveryView(d.Id, d.Event, d.HostId, d.SubjectId, d.Channel, d.State, d.Attempts, d.CreatedAt, d.DeliveredAt,
                    d.State == DeliveryState.Pending ? d.NextAttemptAt : null, d.LastStatus, d.LastError))
                .ToListAsync(ct);
            return TypedResults.Ok(new PagedList<DeliveryView>(items, page, pageSize, total));
        })
        .WithTags("Notifications")
        .WithSummary("The delivery log, newest first: each notification per channel, its attempts, the receiver's last answer");
    }
}
