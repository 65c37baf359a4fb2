using System.Threading.Channels;
using BackupFleet.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Notifications.Sending;

/// <summary>
/// Sends the pending deliveries, rule by rule. An alert goes out at once; alerts that come within the throttle window
/// after it wait and go out together as one message (one broken NAS makes one mail, not a thousand). A message that
/// fails is tried again after each of the RetryDelays, then its deliveries are Failed. A rule is claimed with SKIP
/// LOCKED and a lease, so several server nodes never send for the same rule at once.
/// </summary>
public sealed class NotificationSender(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationSender> log)
    : BackgroundService
{
    // One message carries at most this many alerts; a larger burst goes out as several at once.
    private const int MaxPerMessage = 100;
    private const int MaxPerRound = 10 * MaxPerMessage;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    // Longer than one rule's messages can take (webhooks time out after 30 s, SMTP after its Timeout per step): a node that
    // died mid-send leaves the rule to another, and no live node's rule is taken from it.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly Channel<bool> _wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Nudge() => _wakeups.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken))
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("Sending notifications failed ({Error}); trying again shortly", e.Message);
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            // Wake for a throttled message's turn too, which no new delivery announces.
            wait.CancelAfter(options.Value.Throttle > TimeSpan.Zero && options.Value.Throttle < Poll ? options.Value.Throttle : Poll);
            try
            {
                await _wakeups.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <returns>Whether a rule was claimed (there may be more).</returns>
    private async Task<bool> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FleetDb>();
        var now = clock.GetUtcNow();
        NotificationRuleEntity? rule;
        List<OutgoingMessage> messages;
        // One rule at a time: its lease covers only its own few messages, however many rules are waiting.
        await using (var claim = await db.Database.BeginTransactionAsync(ct))
        {
            rule = await db.NotificationRules.FromSql($"""
                SELECT * FROM notification_rules r
                WHERE (r.sending_until IS NULL OR r.sending_until <= {now})
                  AND EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.rule_id = r.id AND d.state = 'Pending' AND d.next_attempt_at <= {now})
                ORDER BY r.id LIMIT 1 FOR UPDATE SKIP LOCKED
                """).FirstOrDefaultAsync(ct);
            if (rule is null)
                return false;
            var due = await db.NotificationDeliveries
                .Where(d => d.RuleId == rule.Id && d.State == DeliveryState.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.CreatedAt).Take(MaxPerRound).ToListAsync(ct);
            messages = Plan(rule, due, now);
            if (messages.Count > 0)
                rule.SendingUntil = now + Lease;
            foreach (var d in messages.SelectMany(m => m.Deliveries))
                d.NextAttemptAt = now + Lease;
            await db.SaveChangesAsync(ct);
            await claim.CommitAsync(ct);
        }
        // From here the rule is only read: it may be edited or deleted while its messages go out.
        db.Entry(rule).State = EntityState.Detached;
        var channels = scope.ServiceProvider.GetRequiredService<MessageChannels>();
        DateTimeOffset? alerted = null;
        try
        {
            foreach (var message in messages)
            {
                SendOutcome outcome;
                try
                {
                    outcome = await channels.SendAsync(message, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Counted as an attempt like any failure: a message that always throws ends Failed instead of coming back forever.
                    outcome = new SendOutcome(false, null, e.Message);
                }
                Record(message, outcome);
                if (outcome.Delivered && message.IsAlert)
                    alerted = clock.GetUtcNow();
                // Each message's outcome is kept as soon as it is known: what was delivered is never sent again.
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            await db.NotificationRules.Where(r => r.Id == rule.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.SendingUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.LastAlertAt, r => alerted ?? r.LastAlertAt), CancellationToken.None);
        }
        return true;
    }

    /// <summary>
    /// The messages to send now for one rule: the summary and tests alone each; the alerts together (in messages of at
    /// most <see cref="MaxPerMessage"/>), unless the rule sent an alert within the throttle window, when they are put off
    /// until the window ends.
    /// </summary>
    private List<OutgoingMessage> Plan(NotificationRuleEntity rule, List<NotificationDeliveryEntity> due, DateTimeOffset now)
    {
        var messages = due.Where(d => !NotificationEvents.IsAlert(d.Event)).Select(d => new OutgoingMessage(rule, [d])).ToList();
        var alerts = due.Where(d => NotificationEvents.IsAlert(d.Event)).ToList();
        if (alerts.Count == 0)
            return messages;
        var throttle = options.Value.Throttle;
        if (rule.LastAlertAt is { } last && throttle > TimeSpan.Zero && now < last + throttle)
            alerts.ForEach(a => a.NextAttemptAt = last + throttle);
        else
            messages.AddRange(alerts.Chunk(throttle == TimeSpan.Zero ? 1 : MaxPerMessage).Select(chunk => new OutgoingMessage(rule, chunk)));
        return messages;
    }

    /// <summary>Writes the outcome on each delivery of the message: delivered, to be tried again, or failed for good.</summary>
    private void Record(OutgoingMessage message, SendOutcome outcome)
    {
        var now = clock.GetUtcNow();
        var retries = options.Value.Retries;
        foreach (var d in message.Deliveries)
        {
            d.Attempts++;
            (d.LastStatus, d.LastError, d.Channel) = (outcome.Status, outcome.Error, Rules.NotificationRuleView.Destination(message.Rule));
            if (outcome.Delivered)
                (d.State, d.DeliveredAt) = (DeliveryState.Delivered, now);
            else if (outcome.Final || d.Attempts > retries.Count)
                d.State = DeliveryState.Failed;
            else
                d.NextAttemptAt = now + retries[d.Attempts - 1];
        }
        var first = message.Deliveries[0];
        if (outcome.Delivered)
            log.LogInformation("Rule {Rule}: {Count} notification(s) ({Events}) delivered", message.Rule.Name, message.Deliveries.Count, message.Counts());
        else if (first.State == DeliveryState.Failed)
            log.LogError("Rule {Rule}: {Events} given up after {Attempts} attempts: {Error}", message.Rule.Name, message.Counts(), first.Attempts, outcome.Error);
        else
            log.LogWarning("Rule {Rule}: {Events} attempt {Attempt} failed: {Error}; next at {Next:u}", message.Rule.Name, message.Counts(), first.Attempts,
                outcome.Error, first.NextAttemptAt);
    }
}
