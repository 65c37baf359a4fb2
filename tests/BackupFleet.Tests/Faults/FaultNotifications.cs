using System.Text.Json;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Tests.Infrastructure;
using BackupFleet.Tests.Notifications;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// A webhook rule for the run events on the server under a fault, and a real receiver for it: after the fault, the
/// notification due for the run (or none) must have been sent exactly once.
/// </summary>
public sealed class FaultNotifications : IAsyncDisposable
{
    private readonly WebhookReceiver _receiver;

    private FaultNotifications(WebhookReceiver receiver) => _receiver = receiver;

    public static async Task<FaultNotifications> StartAsync(HttpClient api)
    {
        var receiver = await WebhookReceiver.StartAsync();
        await api.CreateRuleAsync(NotificationRulesApi.WebhookRule("fault suite", receiver.Url, "fault-suite-secret-0123",
            [NotificationEvents.RunFailed, NotificationEvents.RunMissed, NotificationEvents.RunRecovered]));
        return new FaultNotifications(receiver);
    }

    /// <param name="expected">The event due for the run's ending, or null when none is.</param>
    /// <returns>What was sent, in words, for the fault table.</returns>
    public async Task<string> SentOnceAsync(HttpClient api, Guid runId, string? expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (expected is not null && Posts(runId).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"No {expected} notification reached the receiver for run {runId}.");
            await Task.Delay(100);
        }
        await Task.Delay(TimeSpan.FromSeconds(1)); // a second send, from a retry or another node, would come now
        var posts = Posts(runId);
        var log = (await (await api.GetAsync("/api/v1/notifications/deliveries?pageSize=500")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Where(d => d.GetProperty("subject").GetString() == $"run:{runId}").ToList();
        if (expected is null)
        {
            Assert.Empty(posts);
            Assert.Empty(log);
            return "none due, none sent";
        }
        Assert.Equal(expected, Assert.Single(posts).Headers["X-BackupFleet-Event"]);
        Assert.Equal("Delivered", Assert.Single(log).State());
        return $"{expected} sent once";
    }

    private List<WebhookReceiver.Received> Posts(Guid runId) => _receiver.Requests
        .Where(p => JsonDocument.Parse(p.Body).RootElement.TryGetProperty("run", out var run) && run.GetProperty("id").GetGuid() == runId).ToList();

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();
}
