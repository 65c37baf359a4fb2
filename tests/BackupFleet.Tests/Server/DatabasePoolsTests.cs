using BackupFleet.Server.Data;
using Npgsql;

namespace BackupFleet.Tests.Server;

public sealed class DatabasePoolsTests
{
    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_nodes_limit()
    {
        var limited = DatabasePools.Limit("Host=db;Database=backupfleet;Username=u;Password=p", DatabasePools.Hangfire);

        var parsed = new NpgsqlConnectionStringBuilder(limited);
        Assert.Equal(DatabasePools.Hangfire, parsed.MaxPoolSize);
        Assert.Equal("db", parsed.Host);
        Assert.Equal("p", parsed.Password);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=300")]
    [InlineData("Host=db;maximum pool size=300")]
    public void A_pool_size_the_administrator_set_is_kept(string connectionString) =>
        Assert.Equal(300, new NpgsqlConnectionStringBuilder(DatabasePools.Limit(connectionString, DatabasePools.Fleet)).MaxPoolSize);

    [Fact]
    public void The_servers_own_pools_keep_prepared_statements_across_uses()
    {
        var parsed = new NpgsqlConnectionStringBuilder(DatabasePools.ForServer("Host=db;Database=backupfleet", DatabasePools.Fleet));

        Assert.Equal(DatabasePools.Fleet, parsed.MaxPoolSize);
        Assert.Equal(DatabasePools.PreparedStatements, parsed.MaxAutoPrepare);
        Assert.True(parsed.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;No Reset On Close=false")]
    public void Statement_settings_the_administrator_chose_are_kept(string connectionString)
    {
        var parsed = new NpgsqlConnectionStringBuilder(DatabasePools.ForServer(connectionString, DatabasePools.Fleet));

        Assert.Equal(DatabasePools.Fleet, parsed.MaxPoolSize);
        Assert.False(parsed.MaxAutoPrepare > 0 && parsed.NoResetOnClose);
    }
}
