using System.Text.Json;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupFleet.Tests.Notifications;

/// <summary>Issue 7: a failed run reaches a webhook, signed, retried until the receiver takes it, and logged.</summary>
public sealed class WebhookNotificationTests : IAsyncLifetime
{
    private const string Secret = "test-webhook-secret-0123";
    private WebhookReceiver _receiver = default!;
    private TestServer _server = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(500); // the first attempt meets a receiver that is down
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:ops:Url"] = _receiver.Url.ToString(),
            ["Notifications:Webhooks:ops:Secret"] = Secret,
            ["Notifications:RetryDelays:0"] = "00:00:00.300",
        });
        _api = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_run_is_posted_signed_retried_after_a_500_and_logged_delivered_once()
    {
        await using var host = await SimulatedHost.StartAsync(_server, _api, "fast-failing.json", prefix: "HOOK");

        var run = await _api.RunToEndAsync(host.HostId);
        var deliveries = await _api.GetJsonUntilAsync("/api/v1/notifications/deliveries",
            d => d.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("state").GetString() == "Delivered"));

        Assert.Equal("Failed", run.GetProperty("state").GetString());
        var delivery = Assert.Single(deliveries.GetProperty("items").EnumerateArray());
        Assert.Equal((NotificationEvents.RunFailed, "webhook:ops", 2, 200),
            (delivery.GetProperty("event").GetString(), delivery.GetProperty("channel").GetString(), delivery.GetProperty("attempts").GetInt32(),
                delivery.GetProperty("lastStatus").GetInt32()));
        var posts = _receiver.Requests.ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p =>
        {
            Assert.Equal(delivery.GetProperty("id").GetString(), p.Headers["X-BackupFleet-Delivery"]);
            Assert.Equal(NotificationEvents.RunFailed, p.Headers["X-BackupFleet-Event"]);
            Assert.Equal(WebhookSender.Signature(Secret, p.Body), p.Headers["X-BackupFleet-Signature"]);
        });
        using var body = JsonDocument.Parse(posts[^1].Body);
        Assert.Equal(host.Name, body.RootElement.GetProperty("host").GetProperty("name").GetString());
        Assert.Equal(run.GetProperty("id").GetGuid(), body.RootElement.GetProperty("run").GetProperty("id").GetGuid());
        Assert.Equal("0x80780119", body.RootElement.GetProperty("run").GetProperty("errorCode").GetString());
        Assert.Equal("Failed", body.RootElement.GetProperty("run").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_successful_run_notifies_nobody()
    {
        await using var host = await SimulatedHost.StartAsync(_server, _api, "fast-healthy.json", prefix: "HOOK");

        Assert.Equal("Succeeded", (await _api.RunToEndAsync(host.HostId)).GetProperty("state").GetString());

        var deliveries = await (await _api.GetAsync("/api/v1/notifications/deliveries")).ReadJsonAsync();
        Assert.DoesNotContain(deliveries.GetProperty("items").EnumerateArray(), d => d.GetProperty("hostId").GetGuid() == host.HostId);
    }

    [Fact]
    public async Task The_first_success_after_a_failure_is_posted_as_recovered_and_the_next_success_is_not()
    {
        var host = await SimulatedHost.StartAsync(_server, _api, "fast-failing.json", prefix: "HOOK");
        await using (host)
            Assert.Equal("Failed", (await _api.RunToEndAsync(host.HostId)).GetProperty("state").GetString());
        // The same host with its disk space freed: its agent now plays a healthy host.
        var healthy = SimulatedPlatform.Load(Path.Combine(AppContext.BaseDirectory, "Scenarios", "fast-healthy.json"));
        await using var agent = new AgentRuntime(_server.BaseAddress, host.Enrollment.AgentCredential, healthy, NullLogger.Instance, AgentTimings.Fast);
        await agent.StartAsync(CancellationToken.None);

        var recovered = await _api.RunToEndAsync(host.HostId);
        var again = await _api.RunToEndAsync(host.HostId);
        var deliveries = await _api.GetJsonUntilAsync("/api/v1/notifications/deliveries",
            d => d.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("state").GetString() == "Delivered") == 2);

        Assert.Equal(("Succeeded", "Succeeded"), (recovered.GetProperty("state").GetString(), again.GetProperty("state").GetString()));
        var events = deliveries.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("hostId").GetGuid() == host.HostId)
            .Select(d => (d.GetProperty("event").GetString(), d.GetProperty("subjectId").GetGuid())).ToList();
        Assert.Equal(2, events.Count);
        Assert.Contains((NotificationEvents.RunRecovered, recovered.GetProperty("id").GetGuid()), events);
        Assert.DoesNotContain(events, e => e.Item2 == again.GetProperty("id").GetGuid());
    }
}
