using Npgsql;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>
/// Moves schedules' next run times, in the server's database (a TestServer's or ServerProcess's DatabaseConnectionString),
/// so a test need not wait for a cron time.
/// </summary>
public static class DueSchedules
{
    /// <summary>As if the hosts' cron time had come: the scheduler on every node fires them at its next look.</summary>
    public static Task MakeDueAsync(string database, params Guid[] hostIds) => SetNextRunAsync(database, TimeSpan.FromSeconds(-1), hostIds);

    /// <summary>Sets when the hosts' schedules fire next, <paramref name="fromNow"/> from now.</summary>
    public static async Task SetNextRunAsync(string database, TimeSpan fromNow, params Guid[] hostIds)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE backup_policies SET next_run_at = now() + @fromNow WHERE host_id = ANY(@hosts) AND enabled", connection);
        command.Parameters.AddWithValue("fromNow", fromNow);
        command.Parameters.AddWithValue("hosts", hostIds);
        var due = await command.ExecuteNonQueryAsync();
        if (due != hostIds.Length)
            throw new InvalidOperationException($"Only {due} of {hostIds.Length} hosts have an enabled policy to make due.");
    }

    /// <summary>Waits until every one of the hosts' schedules has fired (its next run time moved past now).</summary>
    public static async Task WaitFiredAsync(string database, params Guid[] hostIds)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM backup_policies WHERE host_id = ANY(@hosts) AND next_run_at <= now()", connection);
            command.Parameters.AddWithValue("hosts", hostIds);
            var waiting = (long)(await command.ExecuteScalarAsync())!;
            if (waiting == 0)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{waiting} of {hostIds.Length} due schedules had not fired after 30 s.");
            await Task.Delay(100);
        }
    }
}
