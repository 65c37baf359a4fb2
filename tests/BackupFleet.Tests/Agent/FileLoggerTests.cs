using BackupFleet.Agent.Logging;
using BackupFleet.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Tests.Agent;

public sealed class FileLoggerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Directory.CreateTempSubdirectory("bf-agent-logs-").FullName, "logs");
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 23, 59, 58, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);

    [Fact]
    public void Lines_go_to_the_file_of_their_utc_day_with_time_level_category_and_exception()
    {
        using (var provider = new FileLoggerProvider(_dir, _clock))
        {
            var log = provider.CreateLogger("BackupFleet.Agent");
            log.LogInformation("Connected to {Server}", "http://fleet:5080");
            _clock.Now = _clock.Now.AddSeconds(3);
            log.LogError(new InvalidOperationException("boom"), "Run failed");
        }

        Assert.Equal("2026-11-23 23:59:58.000Z info BackupFleet.Agent: Connected to http://fleet:5080",
            File.ReadAllText(FileLoggerProvider.FileFor(_dir, new DateOnly(2026, 11, 23))).TrimEnd());
        var nextDay = File.ReadAllText(FileLoggerProvider.FileFor(_dir, new DateOnly(2026, 11, 24)));
        Assert.StartsWith("2026-11-24 00:00:01.000Z fail BackupFleet.Agent: Run failed" + Environment.NewLine
            + "System.InvalidOperationException: boom", nextDay);
    }

    [Fact]
    public void Only_the_newest_files_are_kept()
    {
        Directory.CreateDirectory(_dir);
        for (var day = 1; day <= FileLoggerProvider.RetainedFiles + 3; day++)
            File.WriteAllText(FileLoggerProvider.FileFor(_dir, new DateOnly(2026, 10, day)), "old");

        using (var provider = new FileLoggerProvider(_dir, _clock))
            provider.CreateLogger("c").LogWarning("new");

        var kept = Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(FileLoggerProvider.RetainedFiles, kept.Count);
        Assert.Equal("agent-20261005.log", kept[0]); // 1–4 October went
        Assert.Equal("agent-20261123.log", kept[^1]);
    }

    [Fact]
    public void An_existing_file_of_the_day_is_appended_to()
    {
        Directory.CreateDirectory(_dir);
        var file = FileLoggerProvider.FileFor(_dir, new DateOnly(2026, 11, 23));
        File.WriteAllText(file, "earlier run" + Environment.NewLine);

        using (var provider = new FileLoggerProvider(_dir, _clock))
            provider.CreateLogger("c").LogInformation("later run");

        Assert.Equal(["earlier run", "2026-11-23 23:59:58.000Z info c: later run"], File.ReadAllLines(file));
    }
}
