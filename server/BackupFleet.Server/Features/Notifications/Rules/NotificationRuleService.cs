using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Server.Features.Notifications.Email;
using BackupFleet.Server.Features.Notifications.Sending;
using BackupFleet.Shared.Text;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BackupFleet.Server.Features.Notifications.Rules;

public abstract record RuleSaveResult
{
    public sealed record Saved(NotificationRuleView Rule, bool Created) : RuleSaveResult;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : RuleSaveResult;
    public sealed record NotFound : RuleSaveResult;
}

/// <summary>The one way rules are read, written, deleted and tested, from the API and the dashboard alike.</summary>
public sealed class NotificationRuleService(FleetDb db, IOptions<SmtpOptions> smtp, IOptions<NotificationOptions> options, IOptions<JsonOptions> json,
    MessageChannels channels, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<NotificationRuleView>> ListAsync(CancellationToken ct) =>
        (await db.NotificationRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct)).Select(NotificationRuleView.Of).ToList();

    public async Task<NotificationRuleView?> GetAsync(Guid id, CancellationToken ct) =>
        await db.NotificationRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } rule ? NotificationRuleView.Of(rule) : null;

    /// <param name="id">The rule to replace; null to create one.</param>
    public async Task<RuleSaveResult> SaveAsync(Guid? id, NotificationRuleRequest request, CancellationToken ct)
    {
        var stored = id is null ? null : await db.NotificationRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (id is not null && stored is null)
            return new RuleSaveResult.NotFound();
        var (rule, errors) = NotificationRuleValidator.Validate(request, stored, smtp.Value.IsConfigured);
        if (rule is null)
            return new RuleSaveResult.Invalid(errors);
        if (await db.NotificationRules.AnyAsync(r => r.Name == rule.Name && r.Id != id, ct))
            return NameTaken(rule.Name);

        var now = clock.GetUtcNow();
        var before = stored is null ? null : NotificationRuleView.Of(stored);
        if (stored is null)
        {
            (rule.Id, rule.CreatedAt, rule.UpdatedAt) = (Guid.CreateVersion7(now), now, now);
            db.NotificationRules.Add(rule);
        }
        else
        {
            (rule.Id, rule.CreatedAt, rule.UpdatedAt, rule.LastAlertAt, rule.SendingUntil) = (stored.Id, stored.CreatedAt, now, stored.LastAlertAt, stored.SendingUntil);
            db.Entry(stored).CurrentValues.SetValues(rule);
            rule = stored;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return NameTaken(rule.Name);
        }
        if (!rule.Enabled)
            await DropPendingAsync(rule.Id, "The rule was switched off before this was sent.", ct);
        var view = NotificationRuleView.Of(rule);
        await audit.RecordAsync(AuditActions.NotificationRuleSaved, AuditTargets.NotificationRule(view.Id, view.Name), before, view, ct);
        return new RuleSaveResult.Saved(view, stored is null);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var rule = await db.NotificationRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
            return false;
        await DropPendingAsync(id, "The rule was deleted before this was sent.", ct);
        db.NotificationRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.NotificationRuleDeleted, AuditTargets.NotificationRule(id, rule.Name), NotificationRuleView.Of(rule), null, ct);
        return true;
    }

    /// <summary>Sends a test through the rule now and logs it; null when there is no such rule.</summary>
    public async Task<NotificationTestResult?> TestAsync(Guid id, CancellationToken ct)
    {
        var rule = await db.NotificationRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
            return null;
        var now = clock.GetUtcNow();
        var content = new NotificationWriter(options.Value, now).Test(rule);
        var delivery = new NotificationDeliveryEntity
        {
            Id = Guid.CreateVersion7(now), Event = NotificationEvents.Test, Subject = NotificationSubjects.Test(Guid.CreateVersion7(now)), RuleId = rule.Id,
            Channel = NotificationRuleView.Destination(rule), Title = content.ShortTitle, PayloadJson = JsonSerializer.Serialize(content, json.Value.SerializerOptions),
            Attempts = 1, CreatedAt = now, NextAttemptAt = now,
        };
        var outcome = await channels.SendAsync(new OutgoingMessage(rule, [delivery]), ct);
        (delivery.State, delivery.DeliveredAt, delivery.LastStatus, delivery.LastError) =
            (outcome.Delivered ? DeliveryState.Delivered : DeliveryState.Failed, outcome.Delivered ? clock.GetUtcNow() : null, outcome.Status, outcome.Error);
        db.NotificationDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        return new NotificationTestResult(outcome.Delivered, delivery.Channel, outcome.Status, outcome.Error);
    }

    private Task DropPendingAsync(Guid ruleId, string why, CancellationToken ct) =>
        db.NotificationDeliveries.Where(d => d.RuleId == ruleId && d.State == DeliveryState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Failed).SetProperty(d => d.LastError, why), ct);

    private static RuleSaveResult.Invalid NameTaken(string name) => new(new() { ["name"] = [$"A rule named '{Echo.Shorten(name)}' exists already; choose another name."] });
}
