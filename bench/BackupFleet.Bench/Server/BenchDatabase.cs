using Npgsql;

namespace BackupFleet.Bench.Server;

/// <summary>The bench's own database, made anew for each run so figures never depend on what an earlier run left.</summary>
public sealed class BenchDatabase(string serverConnection)
{
    public const string Name = "backupfleet_bench";

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(serverConnection)
    {
        Database = Name,
        // The bulk writers and the COPY baseline keep one statement going for minutes.
        CommandTimeout = 0,
    }.ToString();

    public async Task RecreateAsync()
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres" }.ToString());
        await admin.OpenAsync();
        // FORCE: a server left over from a killed bench run may still hold connections.
        await Execute(admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await Execute(admin, $"CREATE DATABASE {Name}");
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await Execute(connection, sql);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The background jobs Hangfire made from the policies' recurring jobs since <paramref name="since"/>: first, last, how many.</summary>
    public async Task<(DateTimeOffset First, DateTimeOffset Last, long Count)> HangfireFiringsAsync(DateTimeOffset since)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(min(createdat), @since), coalesce(max(createdat), @since), count(*) FROM hangfire.job "
            + "WHERE createdat >= @since AND invocationdata::text LIKE '%ScheduledBackupJob%'", connection);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
