using BackupFleet.Shared.Hub;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace BackupFleet.Server.Features.Agents;

/// <summary>
/// While PostgreSQL is restarting or out of reach, an agent's call fails with "try again later" instead of a bare error:
/// the agent keeps its connection and retries with backoff, and nothing it sent is taken for refused.
/// </summary>
public sealed class DatabaseOutageFilter(ILogger<DatabaseOutageFilter> log) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (IsOutage(e))
        {
            log.LogWarning("Agent call {Method} failed: the database cannot be reached ({Error}); the agent retries", context.HubMethodName, e.Message);
            throw new HubException(HubErrors.TryAgain("the server cannot reach its database."));
        }
    }

    private static bool IsOutage(Exception? e) => e switch
    {
        null => false,
        NpgsqlException { IsTransient: true } => true,
        // The database is shutting down or starting (57P01, 57P03): what a restart looks like from a connection.
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow } => true,
        _ => IsOutage(e.InnerException),
    };
}
