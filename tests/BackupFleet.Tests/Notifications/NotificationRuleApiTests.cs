using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupFleet.Server.Features.Notifications;
using BackupFleet.Server.Features.Notifications.Sending;
using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Notifications;

/// <summary>Issue 7: who gets what is set per rule (events, host tag, channel); bad rules are refused naming the field; the log outlives a rule.</summary>
/// <remarks>One server for the class (no SMTP server set); each test has its own rules by name and its own receiver.</remarks>
public sealed class NotificationRuleApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string Secret = "rule-secret-0123456789";
    private readonly TestServer _server = fixture.Server;
    private readonly HttpClient _api = fixture.Server.CreateClient();
    private WebhookReceiver _receiver = default!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private async Task<List<string>> RuleNamesAsync() =>
        (await _api.GetFromJsonAsync<JsonElement>("/api/v1/notifications/rules")).EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task A_webhook_rule_is_stored_as_written_and_its_secret_is_never_shown_again()
    {
        var id = await _api.CreateRuleAsync(NotificationRulesApi.WebhookRule("Ops pager", _receiver.Url, Secret,
            [NotificationEvents.AgentOffline, NotificationEvents.RunFailed], hostTag: "customer-a"));

        var response = await _api.GetAsync($"/api/v1/notifications/rules/{id}");
        var text = await response.Content.ReadAsStringAsync();
        var rule = await response.ReadJsonAsync();

        Assert.Equal(("Ops pager", "Webhook", "customer-a", true, true, 30),
            (rule.GetProperty("name").GetString(), rule.GetProperty("channel").GetString(), rule.GetProperty("hostTag").GetString(),
                rule.GetProperty("enabled").GetBoolean(), rule.GetProperty("hasWebhookSecret").GetBoolean(), rule.GetProperty("offlineMinutes").GetInt32()));
        // Stored in the order of the list of events, whatever order they were sent in.
        Assert.Equal([NotificationEvents.RunFailed, NotificationEvents.AgentOffline], rule.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(Secret, text);
    }

    public static TheoryData<string, object> BadRules => new()
    {
        { "name", new { name = "", channel = "Webhook", webhookUrl = "https://x.example/h", webhookSecret = Secret, events = new[] { "run.failed" } } },
        { "events", new { name = "r", channel = "Webhook", webhookUrl = "https://x.example/h", webhookSecret = Secret, events = Array.Empty<string>() } },
        { "events", new { name = "r", channel = "Webhook", webhookUrl = "https://x.example/h", webhookSecret = Secret, events = new[] { "run.exploded" } } },
        { "channel", new { name = "r", webhookUrl = "https://x.example/h", webhookSecret = Secret, events = new[] { "run.failed" } } },
        { "webhookUrl", new { name = "r", channel = "Webhook", webhookUrl = "ftp://x.example/h", webhookSecret = Secret, events = new[] { "run.failed" } } },
        { "webhookSecret", new { name = "r", channel = "Webhook", webhookUrl = "https://x.example/h", webhookSecret = "short", events = new[] { "run.failed" } } },
        { "hostTag", new { name = "r", channel = "Webhook", webhookUrl = "https://x.example/h", webhookSecret = Secret, events = new[] { "run.failed" }, hostTag = "a/b" } },
        { "offlineMinutes", new { name = "r", channel = "Webhook", webhookUrl = "https://x.example/h", webhookSecret = Secret, events = new[] { "agent.offline" }, offlineMinutes = 1 } },
        { "webhookUrl", new { name = "r", channel = "Webhook", webhookUrl = "https://user:pass@x.example/h", webhookSecret = Secret, events = new[] { "run.failed" } } },
        { "recipients", new { name = "r", channel = "Webhook", webhookUrl = "https://x.example/h", webhookSecret = Secret, events = new[] { "run.failed" }, recipients = new[] { "a@b.example" } } },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task A_bad_rule_is_refused_naming_the_field_and_nothing_is_stored(string field, object rule)
    {
        var response = await _api.PostAsJsonAsync("/api/v1/notifications/rules", rule);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("r", await RuleNamesAsync());
    }

    [Fact]
    public async Task An_email_rule_without_an_smtp_server_is_refused_saying_which_settings_to_set()
    {
        var response = await _api.PostAsJsonAsync("/api/v1/notifications/rules", NotificationRulesApi.EmailRule("mail", ["ops@example.com"], [NotificationEvents.RunFailed]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("mail", await RuleNamesAsync());
        Assert.Contains("Notifications:Smtp:Host", (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("channel")[0].GetString());
    }

    [Fact]
    public async Task A_second_rule_with_the_same_name_is_refused()
    {
        await _api.CreateRuleAsync(NotificationRulesApi.WebhookRule("twice", _receiver.Url, Secret, [NotificationEvents.RunFailed]));

        var response = await _api.PostAsJsonAsync("/api/v1/notifications/rules", NotificationRulesApi.WebhookRule("twice", _receiver.Url, Secret, [NotificationEvents.RunMissed]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exists already", (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task Replacing_a_rule_without_a_secret_keeps_the_stored_one_and_the_test_is_signed_with_it()
    {
        var id = await _api.CreateRuleAsync(NotificationRulesApi.WebhookRule("to rename", _receiver.Url, Secret, [NotificationEvents.RunFailed]));

        var replaced = await _api.PutAsJsonAsync($"/api/v1/notifications/rules/{id}",
            new { name = "renamed", channel = "Webhook", webhookUrl = _receiver.Url.ToString(), events = new[] { NotificationEvents.RunMissed } });
        var test = await (await _api.PostAsync($"/api/v1/notifications/rules/{id}/test", null)).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal((true, 200), (test.GetProperty("delivered").GetBoolean(), test.GetProperty("status").GetInt32()));
        var post = Assert.Single(_receiver.Requests);
        Assert.Equal(NotificationEvents.Test, post.Headers["X-BackupFleet-Event"]);
        Assert.Equal(WebhookPoster.Signature(Secret, post.Body), post.Headers["X-BackupFleet-Signature"]);
        Assert.Contains("'renamed'", JsonDocument.Parse(post.Body).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_test_to_a_receiver_that_refuses_says_so_and_is_logged_failed()
    {
        await using var refusing = await WebhookReceiver.StartAsync(503);
        var id = await _api.CreateRuleAsync(NotificationRulesApi.WebhookRule("down", refusing.Url, Secret, [NotificationEvents.RunFailed]));

        var test = await (await _api.PostAsync($"/api/v1/notifications/rules/{id}/test", null)).ReadJsonAsync();
        var log = await _api.DeliveriesUntilAsync(id, d => d.Count == 1);

        Assert.Equal((false, 503), (test.GetProperty("delivered").GetBoolean(), test.GetProperty("status").GetInt32()));
        Assert.Contains("503", test.GetProperty("error").GetString());
        Assert.Equal(("Failed", NotificationEvents.Test), (log[0].State(), log[0].GetProperty("event").GetString()));
    }

    [Fact]
    public async Task A_receiver_that_redirects_is_not_followed_so_the_signed_body_goes_nowhere_else()
    {
        await using var redirecting = await WebhookReceiver.StartAsync(307);
        var id = await _api.CreateRuleAsync(NotificationRulesApi.WebhookRule("redirected", redirecting.Url, Secret, [NotificationEvents.RunFailed]));

        var test = await (await _api.PostAsync($"/api/v1/notifications/rules/{id}/test", null)).ReadJsonAsync();

        Assert.Equal((false, 307), (test.GetProperty("delivered").GetBoolean(), test.GetProperty("status").GetInt32()));
        Assert.Single(redirecting.Requests);
    }

    [Fact]
    public async Task Deleting_a_rule_keeps_its_log()
    {
        var id = await _api.CreateRuleAsync(NotificationRulesApi.WebhookRule("gone", _receiver.Url, Secret, [NotificationEvents.RunFailed]));
        await _api.PostAsync($"/api/v1/notifications/rules/{id}/test", null);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"/api/v1/notifications/rules/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/v1/notifications/rules/{id}")).StatusCode);
        var log = (await _api.GetFromJsonAsync<JsonElement>("/api/v1/notifications/deliveries")).GetProperty("items").EnumerateArray().ToList();
        var kept = Assert.Single(log, d => d.GetProperty("title").GetString()!.Contains("'gone'"));
        Assert.Equal((JsonValueKind.Null, "Delivered"), (kept.GetProperty("ruleId").ValueKind, kept.State()));
    }

    [Fact]
    public async Task A_viewer_reads_the_log_but_not_the_rules_whose_webhook_addresses_carry_keys_and_may_not_change_or_test_them()
    {
        var id = await _api.CreateRuleAsync(NotificationRulesApi.WebhookRule("read only", new Uri(_receiver.Url, "?key=chat-service-key"), Secret, [NotificationEvents.RunFailed]));
        await _api.PostAsync($"/api/v1/notifications/rules/{id}/test", null);
        var viewer = _server.CreateClient(await _api.CreateApiKeyAsync("Viewer"));

        var log = await viewer.GetAsync($"/api/v1/notifications/deliveries?ruleId={id}");
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.DoesNotContain("chat-service-key", await log.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/notifications/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/v1/notifications/rules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v1/notifications/rules/{id}/test", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/v1/notifications/rules/{id}")).StatusCode);
        Assert.Single(_receiver.Requests); // the operator's test only
    }
}
