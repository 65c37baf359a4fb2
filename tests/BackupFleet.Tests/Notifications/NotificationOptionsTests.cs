using BackupFleet.Server.Features.Notifications;

namespace BackupFleet.Tests.Notifications;

/// <summary>Notification settings that could not work are named at start, with what to fix.</summary>
public sealed class NotificationOptionsTests
{
    [Fact]
    public void Usable_settings_have_no_problems()
    {
        var options = new NotificationOptions
        {
            RetryDelays = [TimeSpan.FromSeconds(5)], Throttle = TimeSpan.Zero, TimeZone = "Europe/Berlin", DashboardUrl = "https://backup.example.com",
        };

        Assert.Empty(options.Problems());
        Assert.Equal("https://backup.example.com/runs/1", options.Link("/runs/1"));
    }

    [Fact]
    public void A_zero_delay_a_negative_throttle_an_unknown_zone_and_a_bad_dashboard_address_are_each_named()
    {
        var options = new NotificationOptions
        {
            RetryDelays = [TimeSpan.Zero], Throttle = TimeSpan.FromMinutes(-1), TimeZone = "Mars/Olympus_Mons", DashboardUrl = "ftp://backup",
        };

        Assert.Equal(
        [
            "Notifications:RetryDelays must all be positive.",
            "Notifications:Throttle must be between 00:00:00 (no throttling) and 1.00:00:00.",
            "Notifications:TimeZone 'Mars/Olympus_Mons' is not a time zone this server knows; use an IANA id such as Europe/Berlin.",
            "Notifications:DashboardUrl must be the dashboard's http or https address, such as https://backup.example.com.",
        ], options.Problems());
    }

    [Fact]
    public async Task A_server_with_unusable_mail_settings_does_not_start_and_says_what_to_fix()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => BackupFleet.Tests.Infrastructure.TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "smtp.example.com",
        }));

        Assert.Contains("Notifications:Smtp:From must be an e-mail address", refused.Message);
    }
}
