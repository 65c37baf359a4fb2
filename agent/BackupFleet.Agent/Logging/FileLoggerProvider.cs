using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Logging;

/// <summary>
/// Writes the log to one file per UTC day (agent-yyyyMMdd.log) and keeps the newest <see cref="RetainedFiles"/>:
/// a service has no console, and an administrator reads these files on the host.
/// </summary>
[ProviderAlias("File")]
public sealed class FileLoggerProvider(string directory, TimeProvider clock) : ILoggerProvider
{
    public const int RetainedFiles = 14;
    private const string Prefix = "agent-";

    private readonly Lock _lock = new();
    private StreamWriter? _writer;
    private DateOnly _day;

    public ILogger CreateLogger(string categoryName) => new FileLogger(categoryName, this);

    public static string FileFor(string directory, DateOnly day) => Path.Combine(directory, $"{Prefix}{day:yyyyMMdd}.log");

    internal void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var now = clock.GetUtcNow();
        var text = $"{now:yyyy-MM-dd HH:mm:ss.fff}Z {Label(level)} {category}: {message}";
        if (exception is not null)
            text += Environment.NewLine + exception;
        lock (_lock)
        {
            try
            {
                WriterFor(DateOnly.FromDateTime(now.UtcDateTime)).WriteLine(text);
            }
            catch (IOException)
            {
                // A full or vanished disk must not stop a backup; the console and the event log still get the line.
                _writer?.Dispose();
                _writer = null;
            }
        }
    }

    private StreamWriter WriterFor(DateOnly day)
    {
        if (_writer is not null && day == _day)
            return _writer;
        _writer?.Dispose();
        Directory.CreateDirectory(directory);
        // Others may read (and delete) the file while the agent writes it.
        var stream = new FileStream(FileFor(directory, day), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream) { AutoFlush = true };
        _day = day;
        DeleteOldFiles();
        return _writer;
    }

    private void DeleteOldFiles()
    {
        // yyyyMMdd names sort by date.
        foreach (var old in Directory.GetFiles(directory, Prefix + "*.log").Order(StringComparer.Ordinal).SkipLast(RetainedFiles))
            File.Delete(old);
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }
}
