using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using BackupFleet.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Notifications;

/// <summary>
/// Sends the pending webhook deliveries: a POST of the JSON with X-BackupFleet-Event, X-BackupFleet-Delivery (the same on
/// every attempt, so a receiver can drop repeats) and X-BackupFleet-Signature (sha256=HMAC of the body with the hook's
/// secret). A delivery that fails is tried again after each of the RetryDelays, then marked Failed. Deliveries are claimed
/// with SKIP LOCKED and a lease, so several server nodes never send the same one at once.
/// </summary>
public sealed class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory http, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<WebhookSender> log) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const string ChannelPrefix = "webhook:";
    private const int Batch = 20;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    // Longer than any attempt (the client's timeout is 30 s): a node that died mid-send leaves the delivery to another.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly Channel<bool> _wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public static string ChannelOf(string webhookName) => ChannelPrefix + webhookName;

    public void Nudge() => _wakeups.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("Sending webhooks failed ({Error}); trying again shortly", e.Message);
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(Poll);
            try
            {
                await _wakeups.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <returns>How many deliveries were claimed.</returns>
    private async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FleetDb>();
        var now = clock.GetUtcNow();
        List<NotificationDeliveryEntity> due;
        await using (var claim = await db.Database.BeginTransactionAsync(ct))
        {
            due = await db.NotificationDeliveries.FromSql($"""
                SELECT * FROM notification_deliveries
                WHERE state = 'Pending' AND next_attempt_at <= {now} AND channel LIKE 'webhook:%'
                ORDER BY next_attempt_at LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);
            foreach (var d in due)
                d.NextAttemptAt = now + Lease;
            await db.SaveChangesAsync(ct);
            await claim.CommitAsync(ct);
        }
        foreach (var delivery in due)
            await SendAsync(db, delivery, ct);
        return due.Count;
    }

    private async Task SendAsync(FleetDb db, NotificationDeliveryEntity delivery, CancellationToken ct)
    {
        var name = delivery.Channel[ChannelPrefix.Length..];
        delivery.Attempts++;
        if (!options.Value.Webhooks.TryGetValue(name, out var hook))
        {
            Fail(delivery, null, $"The webhook '{name}' is no longer in the settings.", final: true);
            await db.SaveChangesAsync(ct);
            return;
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
            {
                Content = new StringContent(delivery.PayloadJson, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-BackupFleet-Event", delivery.Event);
            request.Headers.Add("X-BackupFleet-Delivery", delivery.Id.ToString());
            request.Headers.Add("X-BackupFleet-Signature", Signature(hook.Secret!, delivery.PayloadJson));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            delivery.LastStatus = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                (delivery.State, delivery.DeliveredAt, delivery.LastError) = (DeliveryState.Delivered, clock.GetUtcNow(), null);
                log.LogInformation("Webhook {Name}: {Event} delivered ({Status})", name, delivery.Event, delivery.LastStatus);
            }
            else
                Fail(delivery, (int)response.StatusCode, $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            Fail(delivery, null, e.Message);
        }
        await db.SaveChangesAsync(ct);
    }

    private void Fail(NotificationDeliveryEntity delivery, int? status, string error, bool final = false)
    {
        var retries = options.Value.Retries;
        delivery.LastStatus = status;
        delivery.LastError = error;
        if (final || delivery.Attempts > retries.Count)
        {
            delivery.State = DeliveryState.Failed;
            log.LogError("Webhook delivery {Id} ({Event}) given up after {Attempts} attempts: {Error}", delivery.Id, delivery.Event, delivery.Attempts, error);
            return;
        }
        delivery.NextAttemptAt = clock.GetUtcNow() + retries[delivery.Attempts - 1];
        log.LogWarning("Webhook delivery {Id} ({Event}) attempt {Attempt} failed: {Error}; next at {Next:u}", delivery.Id, delivery.Event, delivery.Attempts, error,
            delivery.NextAttemptAt);
    }

    /// <summary>"sha256=" and the lower-case hex HMAC-SHA256 of the exact body bytes.</summary>
    public static string Signature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
