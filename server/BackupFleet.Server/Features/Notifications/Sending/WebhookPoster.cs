using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BackupFleet.Server.Features.Notifications.Sending;

/// <summary>
/// Posts a message to a rule's webhook: the notification's JSON (or, for a digest, {"event":"digest","notifications":[…]})
/// with X-BackupFleet-Event, X-BackupFleet-Delivery and X-BackupFleet-Signature (sha256=HMAC of the exact body with the rule's secret).
/// </summary>
public sealed class WebhookPoster(IHttpClientFactory http, TimeProvider clock)
{
    public const string HttpClientName = "webhooks";

    public async Task<SendOutcome> PostAsync(OutgoingMessage message, CancellationToken ct)
    {
        var rule = message.Rule;
        var notifications = message.Notifications();
        JsonObject body = message.IsDigest
            ? new JsonObject
            {
                ["event"] = "digest",
                ["at"] = clock.GetUtcNow(),
                ["title"] = $"{notifications.Count} notifications: {message.Counts()}",
                ["notifications"] = new JsonArray([.. notifications]),
            }
            : notifications[0];
        var json = body.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, rule.WebhookUrl) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-BackupFleet-Event", message.IsDigest ? "digest" : message.Deliveries[0].Event);
        // A digest's own id changes as alerts join it; receivers drop repeats by each notification's deliveryId.
        request.Headers.Add("X-BackupFleet-Delivery", message.IsDigest ? Guid.CreateVersion7().ToString() : message.Deliveries[0].Id.ToString());
        request.Headers.Add("X-BackupFleet-Signature", Signature(rule.WebhookSecret!, json));
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new SendOutcome(true, status, null)
                : new SendOutcome(false, status, $"The receiver answered {status} {response.ReasonPhrase}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new SendOutcome(false, null, e is TaskCanceledException ? "The receiver did not answer within 30 seconds." : e.Message);
        }
    }

    /// <summary>"sha256=" and the lower-case hex HMAC-SHA256 of the exact body bytes.</summary>
    public static string Signature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
