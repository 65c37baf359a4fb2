using BackupFleet.Server.Features.Notifications;
using BackupFleet.Server.Features.Notifications.Triggers;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BackupFleet.Tests.Notifications;

/// <summary>
/// Issue 7: notifications by e-mail through a real SMTP server (aiosmtpd, STARTTLS with a pinned self-signed certificate
/// and a login): a rule's host tag decides who hears about which host; the mail carries the decoded error and its fix.
/// </summary>
public sealed class EmailNotificationTests : IAsyncLifetime
{
    private const string Dashboard = "https://backup.example.com";
    private SmtpReceiver _smtp = default!;
    private TestServer _server = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpReceiver.StartAsync(tls: true, "backupfleet", "mail-password-0123");
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = _smtp.Port.ToString(),
            ["Notifications:Smtp:Security"] = "StartTls",
            ["Notifications:Smtp:Username"] = "backupfleet",
            ["Notifications:Smtp:Password"] = "mail-password-0123",
            ["Notifications:Smtp:From"] = "BackupFleet <backup@fleet.example>",
            ["Notifications:Smtp:TrustedCertificateThumbprint"] = _smtp.Thumbprint,
            ["Notifications:Throttle"] = "00:00:00",
            ["Notifications:DashboardUrl"] = Dashboard,
        });
        _api = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_run_on_a_tagged_host_is_mailed_to_that_tags_rule_with_the_fix_and_an_untagged_host_mails_nobody()
    {
        var rule = await _api.CreateRuleAsync(NotificationRulesApi.EmailRule("customer A", ["ops@customer-a.example", "Night Shift <night@customer-a.example>"],
            [NotificationEvents.RunFailed], hostTag: "customer-a"));
        await using var tagged = await SimulatedHost.StartAsync(_server, _api, "fast-failing.json", prefix: "MAILA");
        await using var other = await SimulatedHost.StartAsync(_server, _api, "fast-failing.json", prefix: "MAILB");
        await _api.PutTagsAsync(tagged.HostId, new[] { "Customer-A" });

        var run = await _api.RunToEndAsync(tagged.HostId);
        await _api.RunToEndAsync(other.HostId);
        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30)));
        var log = await _api.DeliveriesUntilAsync(rule, d => d.Count > 0 && d.All(x => x.State() == "Delivered"));

        Assert.Equal(["ops@customer-a.example", "night@customer-a.example"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("backup@fleet.example", mail.From.Mailboxes.Single().Address);
        Assert.StartsWith($"[BackupFleet] Backup failed on {tagged.Name}: ", mail.Subject);
        Assert.Contains("Error 0x80780119", mail.TextBody);
        Assert.Contains("vssadmin", mail.TextBody);
        Assert.Contains($"{Dashboard}/runs/{run.GetProperty("id").GetGuid()}", mail.TextBody);
        Assert.Equal(tagged.HostId, Assert.Single(log).GetProperty("hostId").GetGuid());
        Assert.Equal(1, _smtp.ReceivedCount);
    }

    [Fact]
    public async Task Send_test_mails_the_recipients_at_once()
    {
        var rule = await _api.CreateRuleAsync(NotificationRulesApi.EmailRule("test me", ["ops@example.com"], [NotificationEvents.RunFailed]));

        var result = await (await _api.PostAsync($"/api/v1/notifications/rules/{rule}/test", null)).ReadJsonAsync();
        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));

        Assert.True(result.GetProperty("delivered").GetBoolean(), result.ToString());
        Assert.Equal("test me: email to ops@example.com", result.GetProperty("destination").GetString());
        Assert.Equal("[BackupFleet] Test notification from BackupFleet (rule 'test me')", mail.Subject);
        Assert.Contains("Run failed or interrupted, for every host", mail.TextBody);
    }

    [Fact]
    public async Task The_daily_summary_lists_what_failed_and_counts_what_ran_once_per_day()
    {
        var rule = await _api.CreateRuleAsync(NotificationRulesApi.EmailRule("summary", ["boss@example.com"], [NotificationEvents.DailySummary]));
        await using var failing = await SimulatedHost.StartAsync(_server, _api, "fast-failing.json", prefix: "SUMF");
        await using var healthy = await SimulatedHost.StartAsync(_server, _api, "fast-healthy.json", prefix: "SUMH");
        await _api.RunToEndAsync(failing.HostId);
        await _api.RunToEndAsync(healthy.HostId);

        int first, second;
        await using (var scope = _server.CreateScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<DailySummaryJob>();
            first = await job.SendAsync(CancellationToken.None);
            second = await job.SendAsync(CancellationToken.None);
        }
        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal((1, 0), (first, second));
        Assert.Matches(@"^\[BackupFleet\] Daily summary \(all hosts\): \d+ backups, \d+ failed, \d+ out of RPO$", mail.Subject);
        Assert.Contains("Backups succeeded: ", mail.TextBody);
        Assert.Contains($"{failing.Name}: Failed 0x80780119", mail.TextBody);
        Assert.DoesNotContain($"{healthy.Name}: ", mail.TextBody);
        Assert.Equal("boss@example.com", ((MailboxAddress)mail.To.Single()).Address);
        Assert.Single(await _api.DeliveriesUntilAsync(rule, d => d.Count > 0 && d[0].State() == "Delivered"));
    }
}
