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
        // A connection opened at the end of a wave waits its turn on a machine the wave keeps busy.
        Timeout = 60,
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

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> row)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(row(reader));
        return rows;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
