using System.Text.Json;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Server.Data;
using BackupFleet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Notifications;

/// <summary>Issue 7: one broken NAS must not send a thousand messages: after an alert, a rule's next alerts wait out the window and go as one.</summary>
public sealed class ThrottleTests() : WebhookTest(new Dictionary<string, string?> { ["Notifications:Throttle"] = Window.ToString() })
{
    private const string Secret = "throttle-secret-012345";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task The_first_failure_goes_at_once_and_the_next_ones_in_the_window_go_together_after_it()
    {
        var rule = await Api.CreateRuleAsync(NotificationRulesApi.WebhookRule("nas01 hosts", Receiver.Url, Secret, [NotificationEvents.RunFailed]));
        var hosts = new List<SimulatedHost>();
        for (var i = 0; i < 3; i++)
            hosts.Add(await SimulatedHost.StartAsync(Server, Api, "fast-failing.json", prefix: "THR"));
        try
        {
            await Api.RunToEndAsync(hosts[0].HostId);
            await Api.DeliveriesUntilAsync(rule, d => d.Count == 1 && d[0].State() == "Delivered");
            await Api.RunToEndAsync(hosts[1].HostId);
            await Api.RunToEndAsync(hosts[2].HostId);
            var log = await Api.DeliveriesUntilAsync(rule, d => d.Count == 3 && d.All(x => x.State() == "Delivered"));

            var posts = Receiver.Requests.ToList();
            Assert.Equal(2, posts.Count);
            Assert.Equal((NotificationEvents.RunFailed, "digest"), (posts[0].Headers["X-BackupFleet-Event"], posts[1].Headers["X-BackupFleet-Event"]));
            Assert.True(posts[1].At - posts[0].At >= Window - TimeSpan.FromMilliseconds(100), $"the digest came {posts[1].At - posts[0].At} after the first");
            using var digest = JsonDocument.Parse(posts[1].Body);
            var inDigest = digest.RootElement.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("deliveryId").GetGuid()).ToList();
            using var single = JsonDocument.Parse(posts[0].Body);
            // Every delivery in exactly one message.
            Assert.Equal(log.Select(d => d.GetProperty("id").GetGuid()).Order(), inDigest.Append(single.RootElement.GetProperty("deliveryId").GetGuid()).Order());
            Assert.Equal("2 notifications: 2 × Run failed or interrupted", digest.RootElement.GetProperty("title").GetString());
        }
        finally
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_burst_larger_than_one_message_goes_out_at_once_in_several_and_none_waits_for_the_window()
    {
        var rule = await Api.CreateRuleAsync(NotificationRulesApi.WebhookRule("burst", Receiver.Url, Secret, [NotificationEvents.RunFailed]));
        int added;
        await using (var scope = Server.CreateScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<NotificationOutbox>();
            var stored = await scope.ServiceProvider.GetRequiredService<FleetDb>().NotificationRules.SingleAsync(r => r.Id == rule);
            // 250 hosts behind one NAS fail in the same minute.
            added = await outbox.AddAsync(Enumerable.Range(1, 250).Select(i => new Notification(stored,
                new NotificationContent(NotificationEvents.RunFailed, DateTimeOffset.UtcNow, $"Backup failed on HV{i:000}", [], "/", null), $"burst:{i}")).ToList(),
                CancellationToken.None);
        }
        var log = await Api.DeliveriesUntilAsync(rule, d => d.Count == 250 && d.All(x => x.State() == "Delivered"));

        Assert.Equal(250, added);
        var posts = Receiver.Requests.ToList();
        Assert.Equal([100, 100, 50], posts.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("notifications").GetArrayLength()));
        Assert.True(posts[^1].At - posts[0].At < Window, "a part of the burst waited for the throttle window");
    }
}
