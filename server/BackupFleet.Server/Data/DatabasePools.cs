using System.Data.Common;
using Npgsql;

namespace BackupFleet.Server.Data;

/// <summary>
/// How many PostgreSQL connections a node may hold: the fleet's own, Hangfire's and the scheduler's are three pools on one
/// connection string (the scheduler's own few, so a nightly wave's thousands of claims cannot starve the firing of the rest).
/// Npgsql's default of 100 each, beside PostgreSQL's default max_connections of 100, let a burst (thousands of agents
/// saying hello after a restart) run the database out of connections and fail requests; under these limits a burst waits
/// for a connection instead. A connection string that sets Maximum Pool Size itself is left as it is.
/// </summary>
public static class DatabasePools
{
    public const int Fleet = 50;
    public const int Hangfire = 20;
    public const int Scheduler = 4;

    public static string Limit(string connectionString, int maximum)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Equals("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maximum }.ConnectionString;
    }
}
