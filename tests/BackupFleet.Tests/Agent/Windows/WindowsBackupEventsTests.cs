using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.Platform.Windows.PowerShell;
using static BackupFleet.Tests.Agent.Windows.WindowsTestSupport;

namespace BackupFleet.Tests.Agent.Windows;

/// <summary>
/// The Microsoft-Windows-Backup events through Get-WinEvent (windows-outputs.md §4), replayed. The message texts and the
/// hex/decimal codes follow the reference; which property carries the HRESULT is unverified, so the code is taken from the
/// message first.
/// </summary>
public sealed class WindowsBackupEventsTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddMinutes(5);

    private static async Task<(IReadOnlyList<BackupFleet.Agent.Platform.WindowsBackupEvent> Events, FakeProcessRunner Runner)> ReadAsync(
        IReadOnlyList<string> output, int exitCode = 0, IReadOnlyList<string>? errors = null)
    {
        var runner = new FakeProcessRunner((r, _) => Task.FromResult(FakeProcessRunner.Replay(r, output, exitCode, errors)));
        var events = await new WindowsBackupEvents(new WindowsPowerShell(runner, PowerShellExe)).ReadAsync(From, To, default);
        return (events, runner);
    }

    [Fact]
    public async Task The_script_filters_the_backup_log_between_the_two_times_given_as_utc_filetimes()
    {
        var (_, runner) = await ReadAsync([]);

        var script = Assert.Single(runner.Scripts);
        Assert.Equal($"$from = [DateTime]::FromFileTimeUtc({From.ToFileTime()})\n$to = [DateTime]::FromFileTimeUtc({To.ToFileTime()})\n{WindowsBackupEvents.Script}", script);
        Assert.Contains("LogName='Microsoft-Windows-Backup'; StartTime=$from; EndTime=$to", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_event_comes_as_a_bare_object()
    {
        var (events, _) = await ReadAsync(Fixture("get-winevent-one.json"));

        var e = Assert.Single(events);
        Assert.Equal(4, e.Id);
        Assert.Equal("Information", e.Level);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 32, 123, TimeSpan.Zero).AddTicks(4567), e.TimeCreated);
        Assert.Null(e.ErrorCode); // "0" in its properties is success, not an error code
        Assert.Equal("Event 4 (Information) 2026-11-23T10:00:32Z: The backup operation has finished successfully.", e.Describe());
    }

    [Fact]
    public async Task Many_events_come_newest_first_and_are_returned_oldest_first_with_the_failure_code()
    {
        var (events, _) = await ReadAsync(Fixture("get-winevent-many.json"));

        Assert.Equal([1, 14, 5], events.Select(e => e.Id));
        var failure = events[2];
        Assert.Equal("0x80780119", failure.ErrorCode);
        Assert.StartsWith("Event 5 (Error) 2026-11-23T10:00:32Z: The backup operation that started at '", failure.Describe(), StringComparison.Ordinal);
        Assert.Contains("has failed with following error code '0x80780119' (There is not enough disk space", failure.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bytes_a_backup_wrote_are_summed_from_the_volumes_info_of_its_event_and_other_events_carry_none()
    {
        var (events, _) = await ReadAsync(Fixture("get-winevent-volumes-info.json"));

        Assert.Equal([1, 14, 4], events.Select(e => e.Id));
        Assert.Equal(33554432L + 4294967296L, events[2].BytesTransferred);
        Assert.Null(events[2].ErrorCode); // the HResult="0" attributes inside the document are no error code
        Assert.All(events.Take(2), e => Assert.Null(e.BytesTransferred));
    }

    [Theory]
    [InlineData("<VolumeInfo></VolumeInfo>")]
    [InlineData("<VolumeInfo><VolumeInfoItem Name=\"C:\" DataTransferred=\"-5\" /></VolumeInfo>")]
    [InlineData("<VolumeInfo><VolumeInfoItem Name=\"C:\" DataTransferred=\"99999999999999999999\" /></VolumeInfo>")]
    [InlineData("DataTransferred=\"5\"")]
    public void Volumes_info_without_a_readable_byte_count_gives_none(string property) =>
        Assert.Null(BackupFleet.Agent.Platform.BackupVolumesInfo.BytesTransferred(["0", property]));

    [Fact]
    public async Task No_events_is_an_empty_list_whether_nothing_is_printed_or_the_error_slips_through()
    {
        Assert.Empty((await ReadAsync([])).Events);
        Assert.Empty((await ReadAsync([], 1, ["No events were found that match the specified selection criteria."])).Events);
    }

    [Fact]
    public async Task A_decimal_code_and_a_raw_5_1_date_are_normalised()
    {
        var (events, _) = await ReadAsync(Fixture("get-winevent-decimal.json"));

        var e = Assert.Single(events);
        Assert.Equal("0x807800A1", e.ErrorCode);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 32, TimeSpan.Zero), e.TimeCreated);
        // The decimal code is hard to look up: the normalised one goes beside it.
        Assert.EndsWith("with following error code '2155348129'. Please rerun backup once issue is resolved. (0x807800A1)", e.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_only_in_the_properties_is_found_there()
    {
        var (events, _) = await ReadAsync(Fixture("get-winevent-code-in-properties.json"));

        Assert.Equal("0x80780119", Assert.Single(events).ErrorCode);
    }

    [Fact]
    public async Task Another_powershell_error_is_not_mistaken_for_no_events()
    {
        await Assert.ThrowsAsync<PowerShellException>(() => ReadAsync([], 1, ["The specified channel could not be found."]));
    }
}
