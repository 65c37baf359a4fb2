using BackupFleet.Server.Features.Retention;

namespace BackupFleet.Tests.Retention;

public sealed class RetentionOptionsTests
{
    [Fact]
    public void The_defaults_are_usable()
    {
        var defaults = new RetentionOptions();

        Assert.Empty(defaults.Problems());
        Assert.Equal((TimeSpan.FromDays(14), TimeSpan.FromDays(400)), (defaults.ProgressEventsFor, defaults.RunEventsFor));
    }

    [Fact]
    public void Too_short_progress_all_before_progress_and_a_zero_batch_are_each_named()
    {
        var options = new RetentionOptions { ProgressEventsFor = TimeSpan.FromHours(1), RunEventsFor = TimeSpan.FromMinutes(30), BatchSize = 0 };

        Assert.Equal(
        [
            "Retention:ProgressEventsFor must be at least 1.00:00:00 (a day): a run's progress must outlive its own page view.",
            "Retention:RunEventsFor must be at least Retention:ProgressEventsFor.",
            "Retention:BatchSize must be between 1 and 100000.",
        ], options.Problems());
    }
}
