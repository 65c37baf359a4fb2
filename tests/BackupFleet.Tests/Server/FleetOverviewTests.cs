using BackupFleet.Server.Features.Fleet;
using BackupFleet.Server.Features.Live;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BackupFleet.Tests.Server;

/// <summary>
/// The fleet page's counts and tag choices, read from the real database through a source of the test's own: its change feed
/// hears only what the test publishes, so what other hosts and agents of the shared server do cannot move its readings.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class FleetOverviewTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();
    private readonly FleetChangeFeed _feed = new(NullLogger<FleetChangeFeed>.Instance);
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    private FleetOverviewSource NewSource() => new(fixture.Server.Services.GetRequiredService<IServiceScopeFactory>(), _feed, _clock);

    [Fact]
    public async Task One_reading_serves_every_viewer_until_a_change_is_delivered_and_the_next_shows_the_change()
    {
        var source = NewSource();
        var first = await source.GetAsync(CancellationToken.None);

        var tag = "overview-" + Guid.NewGuid().ToString("N")[..8];
        var host = await _api.EnrollAsync(FleetApi.UniqueHostName("OVR"));
        await _api.PutTagsAsync(host.HostId, new[] { tag });
        Assert.Same(first, await source.GetAsync(CancellationToken.None));

        _feed.PublishHostChanged(host.HostId);
        var after = await source.GetAsync(CancellationToken.None);
        Assert.Equal(first.Summary.Total + 1, after.Summary.Total);
        Assert.Contains(tag, after.Tags);
        Assert.DoesNotContain(tag, first.Tags);
    }

    [Fact]
    public async Task Viewers_asking_at_once_share_one_reading()
    {
        var source = NewSource();

        var readings = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => source.GetAsync(CancellationToken.None))));

        Assert.All(readings, r => Assert.Same(readings[0], r));
    }

    [Fact]
    public async Task A_reading_during_which_a_change_was_delivered_is_not_served_again()
    {
        var source = NewSource();
        await using var blocker = new NpgsqlConnection(fixture.Server.DatabaseConnectionString);
        await blocker.OpenAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        // The reading waits for this lock: the change below is delivered while it is under way, whatever the timing.
        await using (var lockHosts = new NpgsqlCommand("LOCK TABLE hosts IN ACCESS EXCLUSIVE MODE", blocker, tx))
            await lockHosts.ExecuteNonQueryAsync();

        var during = source.GetAsync(CancellationToken.None);
        _feed.PublishRunChanged(new RunChange(Guid.NewGuid(), Guid.NewGuid(), BackupFleet.Shared.Runs.RunState.Succeeded));
        await tx.RollbackAsync();
        var read = await during;

        Assert.NotSame(read, await source.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Run_events_do_not_make_a_reading_stale_and_the_clock_does_after_the_longest_age()
    {
        var source = NewSource();
        var first = await source.GetAsync(CancellationToken.None);

        _feed.PublishRunEventsAdded(Guid.NewGuid());
        _clock.Now += FleetOverviewSource.MaxAge - TimeSpan.FromMilliseconds(1);
        Assert.Same(first, await source.GetAsync(CancellationToken.None));

        _clock.Now += TimeSpan.FromMilliseconds(1);
        Assert.NotSame(first, await source.GetAsync(CancellationToken.None));
    }
}
