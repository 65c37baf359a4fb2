using BackupFleet.Server.Features.Notifications;

namespace BackupFleet.Tests.Notifications;

/// <summary>Webhook settings that could not work are named at start, with what to fix.</summary>
public sealed class NotificationOptionsTests
{
    [Fact]
    public void Usable_settings_have_no_problems()
    {
        var options = new NotificationOptions
        {
            Webhooks = { ["ops"] = new WebhookOptions { Url = "https://hooks.example.net/backupfleet", Secret = "0123456789abcdef", Events = [NotificationEvents.RunFailed] } },
        };

        Assert.Empty(options.Problems());
    }

    [Fact]
    public void A_bad_address_a_short_secret_an_unknown_event_and_a_zero_delay_are_each_named()
    {
        var options = new NotificationOptions
        {
            Webhooks = { ["ops"] = new WebhookOptions { Url = "ftp://nas01/hook", Secret = "short", Events = ["run.exploded"] } },
            RetryDelays = [TimeSpan.Zero],
        };

        Assert.Equal(
        [
            "Notifications:Webhooks:ops:Url must be an http or https address.",
            "Notifications:Webhooks:ops:Secret must be at least 16 characters: receivers check the signature with it.",
            "Notifications:Webhooks:ops:Events has 'run.exploded'; the events are run.failed, run.missed, run.recovered.",
            "Notifications:RetryDelays must all be positive.",
        ], options.Problems());
    }

    [Fact]
    public async Task A_server_with_an_unusable_webhook_does_not_start_and_says_what_to_fix()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => BackupFleet.Tests.Infrastructure.TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:ops:Url"] = "https://hooks.example.net/backupfleet",
            ["Notifications:Webhooks:ops:Secret"] = "short",
        }));

        Assert.Contains("Notifications:Webhooks:ops:Secret must be at least 16 characters", refused.Message);
    }
}
