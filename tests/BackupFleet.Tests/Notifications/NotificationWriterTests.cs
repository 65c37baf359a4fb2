using BackupFleet.Server.Features.Notifications;

namespace BackupFleet.Tests.Notifications;

/// <summary>The words of a notification: a daily summary of a large fleet stays readable.</summary>
public sealed class NotificationWriterTests
{
    [Fact]
    public void A_summary_lists_the_first_fifty_of_a_section_and_says_how_many_more()
    {
        var now = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
        var failed = Enumerable.Range(1, 60).Select(i => new SummaryLine(Guid.NewGuid(), $"HV{i:000}", "Failed 0x80780119")).ToList();
        var summary = new DailySummary(now.AddDays(-1), now, 500, 430, SummaryList.Of(failed), SummaryList.Of([]), SummaryList.Of([]));

        var content = new NotificationWriter(new NotificationOptions { TimeZone = "UTC" }, now).Summary(summary, "customer-a");

        Assert.Equal("Daily summary (hosts tagged customer-a): 430 backups, 60 failed, 0 out of RPO", content.Title);
        Assert.Contains("Failed, interrupted or missed (60):", content.Lines);
        Assert.Contains("  HV050: Failed 0x80780119", content.Lines);
        Assert.DoesNotContain("  HV051: Failed 0x80780119", content.Lines);
        Assert.Equal("  … and 10 more (see the dashboard)", content.Lines[^1]);
        Assert.Contains("From 2026-11-22 07:00 UTC to 2026-11-23 07:00 UTC, 500 hosts (hosts tagged customer-a).", content.Lines);
    }
}
