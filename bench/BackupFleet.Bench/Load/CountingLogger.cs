using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Bench.Load;

/// <summary>
/// The agents' logger: counts their warnings and errors by message template ("Cannot reach the server…", "Lost the
/// connection…"), which is how a failed connect or a drop shows in a real agent's log. Below Warning nothing is kept.
/// </summary>
public sealed class CountingLogger : ILogger
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, string> _firstOf = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var template = state is IReadOnlyList<KeyValuePair<string, object?>> values
            && values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value is string format ? format : formatter(state, exception);
        _counts.AddOrUpdate(template, 1, (_, n) => n + 1);
        _firstOf.TryAdd(template, formatter(state, exception));
    }

    /// <summary>How many messages so far began with <paramref name="prefix"/>.</summary>
    public int Count(string prefix) => _counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>Every warning and error so far, by template: how often, and the first one as it was written.</summary>
    public IReadOnlyList<(string Template, int Count, string First)> Snapshot() =>
        _counts.Select(c => (c.Key, c.Value, _firstOf.GetValueOrDefault(c.Key, c.Key))).OrderByDescending(c => c.Value).ToList();
}
