using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Notifications;

/// <summary>Notification rules and the delivery log through the REST API, as the tests use them.</summary>
public static class NotificationRulesApi
{
    public static object WebhookRule(string name, Uri url, string secret, string[] events, string? hostTag = null) =>
        new { name, channel = "Webhook", webhookUrl = url.ToString(), webhookSecret = secret, events, hostTag };

    public static object EmailRule(string name, string[] recipients, string[] events, string? hostTag = null, int? offlineMinutes = null) =>
        new { name, channel = "Email", recipients, events, hostTag, offlineMinutes };

    public static async Task<Guid> CreateRuleAsync(this HttpClient api, object rule)
    {
        var response = await api.PostAsJsonAsync("/api/v1/notifications/rules", rule);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>The rule's deliveries once <paramref name="done"/> holds for them (newest first).</summary>
    public static async Task<List<JsonElement>> DeliveriesUntilAsync(this HttpClient api, Guid ruleId, Func<List<JsonElement>, bool> done)
    {
        var log = await api.GetJsonUntilAsync($"/api/v1/notifications/deliveries?ruleId={ruleId}&pageSize=500", d => done(Items(d)));
        return Items(log);
    }

    private static List<JsonElement> Items(JsonElement log) => log.GetProperty("items").EnumerateArray().ToList();

    public static string State(this JsonElement delivery) => delivery.GetProperty("state").GetString()!;
}
