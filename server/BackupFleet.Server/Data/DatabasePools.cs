using System.Data.Common;
using Npgsql;

namespace BackupFleet.Server.Data;

/// <summary>
/// How many PostgreSQL connections a node may hold: the fleet's own, Hangfire's and the scheduler's are three pools on one
/// connection string (the scheduler's own few, so a nightly wave's thousands of claims cannot starve the firing of the rest).
/// Npgsql's default of 100 each, beside PostgreSQL's default max_connections of 100, let a burst (thousands of agents
/// saying hello after a restart) run the database out of connections and fail requests; under these limits a burst waits
/// for a connection instead. What a connection string sets itself is left as it is.
/// </summary>
public static class DatabasePools
{
    public const int Fleet = 50;
    public const int Hangfire = 20;
    public const int Scheduler = 4;

    /// <summary>The statements a connection prepares and keeps (Npgsql's Max Auto Prepare), above the few dozen the server repeats.</summary>
    public const int PreparedStatements = 100;

    public static string Limit(string connectionString, int maximum) =>
        WithDefaults(connectionString, b => b.MaxPoolSize = maximum, "Maximum Pool Size");

    /// <summary>
    /// A pool of the server's own (requests, hubs, scheduler), at most <paramref name="maximum"/> connections, whose connections
    /// prepare each statement they repeat and keep it when they go back to the pool: PostgreSQL then plans the server's
    /// queries once per connection, not on every call (planning was a third of the database's CPU with 10,000 agents). The
    /// reset on return (DISCARD ALL) would drop them; nothing else the server leaves on a connection needs it, as the one
    /// session-level state it takes, an advisory lock (<see cref="DatabaseLocks"/>), is released before the connection closes.
    /// </summary>
    public static string ForServer(string connectionString, int maximum) =>
        WithDefaults(Limit(connectionString, maximum), b => (b.MaxAutoPrepare, b.NoResetOnClose) = (PreparedStatements, true),
            "Max Auto Prepare", "No Reset On Close");

    /// <summary>Applies <paramref name="set"/> unless the connection string already names one of <paramref name="keys"/>.</summary>
    private static string WithDefaults(string connectionString, Action<NpgsqlConnectionStringBuilder> set, params string[] keys)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => keys.Any(key => k.Equals(key, StringComparison.OrdinalIgnoreCase))))
            return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        set(builder);
        return builder.ConnectionString;
    }
}
