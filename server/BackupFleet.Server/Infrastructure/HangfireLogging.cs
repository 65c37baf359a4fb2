using Hangfire.Logging;
using HfLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace BackupFleet.Server.Infrastructure;

/// <summary>
/// Hangfire's log output, into ASP.NET Core logging. Hangfire keeps its log provider in a static, so with several servers
/// in one process (the tests start many) it can outlive the server whose logger factory it holds: this one falls silent
/// then instead of throwing ObjectDisposedException into whatever job client is being built.
/// </summary>
public sealed class HangfireLogging(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new Forwarding(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Forwarding(ILogger logger) : ILog
    {
        public bool Log(HfLevel logLevel, Func<string> messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                HfLevel.Trace => MsLogLevel.Trace,
                HfLevel.Debug => MsLogLevel.Debug,
                HfLevel.Info => MsLogLevel.Information,
                HfLevel.Warn => MsLogLevel.Warning,
                HfLevel.Error => MsLogLevel.Error,
                _ => MsLogLevel.Critical,
            };
            try
            {
                if (messageFunc is null) // Hangfire asks whether a level is on
                    return logger.IsEnabled(level);
                if (logger.IsEnabled(level))
                    logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(HfLevel logLevel, Func<string> messageFunc, Exception? exception = null) => false;
    }
}
