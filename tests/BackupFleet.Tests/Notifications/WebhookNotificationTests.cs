using System.Text.Json;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Server.Features.Notifications.Rules;
using BackupFleet.Server.Features.Notifications.Sending;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Notifications;

/// <summary>Issue 7: a failed run reaches a webhook rule, signed, retried until the receiver takes it, and logged.</summary>
public sealed class WebhookNotificationTests()
    : WebhookTest(new Dictionary<string, string?> { ["Notifications:RetryDelays:0"] = "00:00:00.300", ["Notifications:Throttle"] = "00:00:00" }, 500)
{
    private const string Secret = "test-webhook-secret-0123";
    private Guid _rule;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // the receiver's first answer is 500: the first attempt meets a receiver that is down
        _rule = await Api.CreateRuleAsync(NotificationRulesApi.WebhookRule("ops", Receiver.Url, Secret, [.. NotificationEvents.All]));
    }

    [Fact]
    public async Task A_failed_run_is_posted_signed_retried_after_a_500_and_logged_delivered_once()
    {
        await using var host = await SimulatedHost.StartAsync(Server, Api, "fast-failing.json", prefix: "HOOK");

        var run = await Api.RunToEndAsync(host.HostId);
        var deliveries = await Api.DeliveriesUntilAsync(_rule, d => d.Any(i => i.State() == "Delivered"));

        Assert.Equal("Failed", run.GetProperty("state").GetString());
        var delivery = Assert.Single(deliveries);
        Assert.Equal((NotificationEvents.RunFailed, "ops: webhook " + NotificationRuleView.WebhookServer(Receiver.Url.ToString()), 2, 200, $"run:{run.GetProperty("id").GetGuid()}"),
            (delivery.GetProperty("event").GetString(), delivery.GetProperty("channel").GetString(), delivery.GetProperty("attempts").GetInt32(),
                delivery.GetProperty("lastStatus").GetInt32(), delivery.GetProperty("subject").GetString()));
        Assert.StartsWith($"Backup failed on {host.Name}: ", delivery.GetProperty("title").GetString());
        var posts = Receiver.Requests.ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p =>
        {
            Assert.Equal(delivery.GetProperty("id").GetString(), p.Headers["X-BackupFleet-Delivery"]);
            Assert.Equal(NotificationEvents.RunFailed, p.Headers["X-BackupFleet-Event"]);
            Assert.Equal(WebhookPoster.Signature(Secret, p.Body), p.Headers["X-BackupFleet-Signature"]);
        });
        using var body = JsonDocument.Parse(posts[^1].Body);
        Assert.Equal(host.Name, body.RootElement.GetProperty("host").GetProperty("name").GetString());
        Assert.Equal(run.GetProperty("id").GetGuid(), body.RootElement.GetProperty("run").GetProperty("id").GetGuid());
        Assert.Equal("0x80780119", body.RootElement.GetProperty("run").GetProperty("errorCode").GetString());
        Assert.Equal("Failed", body.RootElement.GetProperty("run").GetProperty("state").GetString());
        Assert.Equal(delivery.GetProperty("id").GetString(), body.RootElement.GetProperty("deliveryId").GetString());
        // The decoded error with its fix travels with it: the receiver need not look it up.
        Assert.Contains("vssadmin", body.RootElement.GetProperty("error").GetProperty("fix").GetString());
        Assert.EndsWith($"/runs/{run.GetProperty("id").GetGuid()}", body.RootElement.GetProperty("link").GetString());
    }

    [Fact]
    public async Task A_successful_run_notifies_nobody()
    {
        await using var host = await SimulatedHost.StartAsync(Server, Api, "fast-healthy.json", prefix: "HOOK");

        Assert.Equal("Succeeded", (await Api.RunToEndAsync(host.HostId)).GetProperty("state").GetString());

        var deliveries = await (await Api.GetAsync("/api/v1/notifications/deliveries")).ReadJsonAsync();
        Assert.DoesNotContain(deliveries.GetProperty("items").EnumerateArray(), d => d.GetProperty("hostId").GetGuid() == host.HostId);
        Assert.Empty(Receiver.Requests);
    }

    [Fact]
    public async Task The_first_success_after_a_failure_is_posted_as_recovered_and_the_next_success_is_not()
    {
        var host = await SimulatedHost.StartAsync(Server, Api, "fast-failing.json", prefix: "HOOK");
        await using (host)
            Assert.Equal("Failed", (await Api.RunToEndAsync(host.HostId)).GetProperty("state").GetString());
        // The same host with its disk space freed: its agent now plays a healthy host.
        var healthy = SimulatedPlatform.Load(Path.Combine(AppContext.BaseDirectory, "Scenarios", "fast-healthy.json"));
        await using var agent = new AgentRuntime(Server.BaseAddress, host.Enrollment.AgentCredential, healthy, NullLogger.Instance, AgentTimings.Fast);
        await agent.StartAsync(CancellationToken.None);

        var recovered = await Api.RunToEndAsync(host.HostId);
        var again = await Api.RunToEndAsync(host.HostId);
        var deliveries = await Api.DeliveriesUntilAsync(_rule, d => d.Count(i => i.State() == "Delivered") == 2);

        Assert.Equal(("Succeeded", "Succeeded"), (recovered.GetProperty("state").GetString(), again.GetProperty("state").GetString()));
        var events = deliveries.Where(d => d.GetProperty("hostId").GetGuid() == host.HostId)
            .Select(d => (d.GetProperty("event").GetString(), d.GetProperty("subject").GetString())).ToList();
        Assert.Equal(2, events.Count);
        Assert.Contains((NotificationEvents.RunRecovered, $"run:{recovered.GetProperty("id").GetGuid()}"), events);
        Assert.DoesNotContain(events, e => e.Item2 == $"run:{again.GetProperty("id").GetGuid()}");
    }
}
