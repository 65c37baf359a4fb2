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
}
