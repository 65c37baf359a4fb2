using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Auth;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Server.Features.Notifications.Rules;
using BackupFleet.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Notifications;

/// <summary>One delivery as the log shows it; the body sent is not repeated here.</summary>
public sealed record DeliveryView(Guid Id, string Event, string Title, Guid? HostId, string Subject, Guid? RuleId, string Channel, DeliveryState State,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt, int? LastStatus, string? LastError);

public static class NotificationEndpoints
{
    public const int MaxPageSize = 500;

    public static void MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/deliveries", async Task<Results<Ok<PagedList<DeliveryView>>, ValidationProblem>> (
            FleetDb db, CancellationToken ct, int page = 1, int pageSize = 100, Guid? ruleId = null) =>
        {
            var errors = Paging.Validate(page, pageSize, MaxPageSize);
            if (errors.Count > 0)
                return TypedResults.ValidationProblem(errors);
            return TypedResults.Ok(await DeliveriesAsync(db, page, pageSize, ruleId, ct));
        })
            .WithSummary("The delivery log, newest first: each notification per rule, its attempts, the receiver's last answer");

        // Webhook addresses of chat services carry their key: the rules are for those who may change them.
        var rules = notifications.MapGroup("/rules").RequireAuthorization(AccessPolicies.Operate);
        rules.MapGet("", async (NotificationRuleService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("The notification rules: which events go to whom, for which hosts (webhook secrets are never shown)");
        rules.MapGet("/{id:guid}", async Task<Results<Ok<NotificationRuleView>, NotFound<ProblemDetails>>> (Guid id, NotificationRuleService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } rule ? TypedResults.Ok(rule) : NotFound(id))
            .WithSummary("One notification rule");
        rules.MapPost("", async (NotificationRuleRequest request, NotificationRuleService service, CancellationToken ct) =>
            Result(await service.SaveAsync(null, request, ct), null))
            .WithSummary("Create a rule: events, an optional host tag, and e-mail recipients or a webhook address with its signing secret");
        rules.MapPut("/{id:guid}", async (Guid id, NotificationRuleRequest request, NotificationRuleService service, CancellationToken ct) =>
            Result(await service.SaveAsync(id, request, ct), id))
            .WithSummary("Replace a rule; an empty webhook secret keeps the stored one. Switching it off drops what it had not sent yet");
        rules.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound<ProblemDetails>>> (Guid id, NotificationRuleService service, CancellationToken ct) =>
            await service.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound(id))
            .WithSummary("Delete a rule; its log stays");
        rules.MapPost("/{id:guid}/test", async Task<Results<Ok<NotificationTestResult>, NotFound<ProblemDetails>>> (Guid id, NotificationRuleService service, CancellationToken ct) =>
            await service.TestAsync(id, ct) is { } result ? TypedResults.Ok(result) : NotFound(id))
            .WithSummary("Send a test notification through the rule now and answer how it went (also in the log)");
    }

    public static async Task<PagedList<DeliveryView>> DeliveriesAsync(FleetDb db, int page, int pageSize, Guid? ruleId, CancellationToken ct)
    {
        var query = db.NotificationDeliveries.AsNoTracking().Where(d => ruleId == null || d.RuleId == ruleId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(d => d.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new DeliveryView(d.Id, d.Event, d.Title, d.HostId, d.Subject, d.RuleId, d.Channel, d.State, d.Attempts, d.CreatedAt, d.DeliveredAt,
                d.State == DeliveryState.Pending ? d.NextAttemptAt : null, d.LastStatus, d.LastError))
            .ToListAsync(ct);
        return new PagedList<DeliveryView>(items, page, pageSize, total);
    }

    private static NotFound<ProblemDetails> NotFound(Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Rule not found", Detail = $"There is no notification rule with the id {id}." });

    private static IResult Result(RuleSaveResult result, Guid? id) => result switch
    {
        RuleSaveResult.Saved { Created: true } s => TypedResults.Created($"/api/v1/notifications/rules/{s.Rule.Id}", s.Rule),
        RuleSaveResult.Saved s => TypedResults.Ok(s.Rule),
        RuleSaveResult.Invalid i => TypedResults.ValidationProblem(i.Errors),
        _ => NotFound(id ?? Guid.Empty),
    };
}
