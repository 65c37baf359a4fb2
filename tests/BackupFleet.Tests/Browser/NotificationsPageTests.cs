using BackupFleet.Server.Features.Notifications.Rules;
using BackupFleet.Tests.Infrastructure;
using BackupFleet.Tests.Notifications;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

/// <summary>Issue 7: a rule is made on the Notifications page, a refusal says what to fix, "Send test" reaches a real receiver and shows in the log.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_webhook_rule_made_on_the_page_sends_a_test_that_arrives_and_is_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await fixture.Browser.SignInAsync(fixture.Server);
        await page.GotoAsync("/notifications");
        await page.WaitForLiveAsync();
        var name = "browser-" + Guid.NewGuid().ToString("N")[..6];

        await page.GetByTestId("new-rule").ClickAsync();
        var form = page.GetByTestId("rule-form");
        await form.GetByLabel("Name").FillAsync(name);
        // E-mail is the default, and this server has no SMTP server: the refusal says which settings to set.
        await page.GetByTestId("save-rule").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Notifications:Smtp:Host");

        await page.GetByTestId("rule-channel").ClickAsync();
        await page.Locator(".mud-popover-open").Locator(".mud-list-item", new() { HasText = "Webhook" }).First.ClickAsync();
        await form.GetByLabel("Webhook address").FillAsync(receiver.Url.ToString());
        await form.GetByLabel("Signing secret").FillAsync("browser-secret-0123456");
        await page.GetByTestId("save-rule").ClickAsync();
        var row = page.Locator($"tr[data-rule='{name}']");
        await Assertions.Expect(row).ToContainTextAsync("Webhook: " + NotificationRuleView.WebhookServer(receiver.Url.ToString()));
        await Assertions.Expect(form).ToHaveCountAsync(0);

        await row.GetByTestId("send-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-result")).ToContainTextAsync("Test delivered");
        var logged = page.GetByTestId("deliveries").Locator("tr[data-delivery='test']", new() { HasText = $"rule '{name}'" });
        await Assertions.Expect(logged).ToContainTextAsync("Delivered");
        await page.SaveScreenshotAsync();

        var post = Assert.Single(receiver.Requests);
        Assert.Equal("test", post.Headers["X-BackupFleet-Event"]);
    }
}
