using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Notifications;

/// <summary>Writes a delivery per channel for what happened; <see cref="WebhookSender"/> sends them. Calling it twice for the same run adds nothing.</summary>
/// <param name="json">The API's own JSON settings: a webhook body reads like the API's answers (camelCase, enums as names).</param>
public sealed class NotificationOutbox(FleetDb db, IOptions<NotificationOptions> options, IOptions<JsonOptions> json, WebhookSender sender, TimeProvider clock)
{
    /// <summary>
    /// A run that ended Failed, Interrupted or Missed: somebody has to hear that no backup was made; and a success after
    /// such a run, so that they hear it is over. Other endings notify nobody.
    /// </summary>
    public async Task RunEndedAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Join(db.Hosts, r => r.HostId, h => h.Id, (r, h) => new { Run = r, HostName = h.Name }).FirstOrDefaultAsync(ct);
        if (run is null || await EventOfAsync(run.Run, ct) is not { } notificationEvent)
            return;
        var r = run.Run;
        var now = clock.GetUtcNow();
        var payload = JsonSerializer.Serialize(new
        {
            @event = notificationEvent,
            at = now,
            host = new { id = r.HostId, name = run.HostName },
            run = new { id = r.Id, state = r.State, trigger = r.Trigger, r.QueuedAt, r.StartedAt, r.FinishedAt, r.ErrorCode, r.ErrorMessage, path = $"/runs/{r.Id}" },
        }, json.Value.SerializerOptions);
        var added = 0;
        foreach (var (name, _) in options.Value.Webhooks.Where(w => w.Value.Wants(notificationEvent)))
            added += await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notification_deliveries (id, event, host_id, subject_id, channel, payload_json, state, attempts, next_attempt_at, created_at)
                VALUES ({Guid.CreateVersion7(now)}, {notificationEvent}, {r.HostId}, {r.Id}, {WebhookSender.ChannelOf(name)}, {payload}::jsonb,
                        {nameof(DeliveryState.Pending)}, 0, {now}, {now})
                ON CONFLICT (event, subject_id, channel) DO NOTHING
                """, ct);
        if (added > 0)
            sender.Nudge();
    }

    private async Task<string?> EventOfAsync(RunEntity run, CancellationToken ct)
    {
        switch (run.State)
        {
            case RunState.Failed or RunState.Interrupted:
                return NotificationEvents.RunFailed;
            case RunState.Missed:
                return NotificationEvents.RunMissed;
            case RunState.Succeeded:
                // A cancelled run says nothing about the host's health; the one before it does.
                var previous = await db.Runs.AsNoTracking()
                    .Where(p => p.HostId == run.HostId && p.Id != run.Id && p.QueuedAt < run.QueuedAt && p.FinishedAt != null && p.State != RunState.Cancelled)
                    .OrderByDescending(p => p.QueuedAt).Select(p => (RunState?)p.State).FirstOrDefaultAsync(ct);
                return previous is RunState.Failed or RunState.Interrupted or RunState.Missed ? NotificationEvents.RunRecovered : null;
            default:
                return null;
        }
    }
}
