using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Logging;

/// <summary>One category's logger; the provider owns the file. Levels are filtered by the logging configuration, as for every provider.</summary>
internal sealed class FileLogger(string category, FileLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            provider.Write(logLevel, category, formatter(state, exception), exception);
    }
}
