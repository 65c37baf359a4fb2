using BackupFleet.Server.Features.Hardening;
using BackupFleet.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackupFleet.Tests.Server;

/// <summary>Kestrel takes no more connections than the process can open files for (past that limit the runtime ended the server).</summary>
[Collection(ServerCollection.Name)]
public sealed class ConnectionLimitsTests(ServerFixture fixture)
{
    // /proc/self/limits as Linux 6 writes it (columns: limit, soft, hard, units).
    private const string Limits = """
        Limit                     Soft Limit           Hard Limit           Units     
        Max cpu time              unlimited            unlimited            seconds   
        Max processes             96367                96367                processes 
        Max open files            20000                20000                files     
        Max locked memory         8388608              8388608              bytes     
        """;

    [Fact]
    public void The_soft_open_files_limit_is_read_from_proc_limits()
    {
        Assert.Equal(20000, ConnectionLimits.OpenFiles(Limits));
        Assert.Equal(1024, ConnectionLimits.OpenFiles(Limits.Replace("20000                20000", "1024                 524288")));
        Assert.Null(ConnectionLimits.OpenFiles(Limits.Replace("20000                20000", "unlimited            unlimited")));
        Assert.Null(ConnectionLimits.OpenFiles("Limit Soft Limit Hard Limit Units"));
    }

    [Theory]
    [InlineData(20000, 1900, 17100)]
    [InlineData(1024, 76, 692)]
    [InlineData(1048576, 104757, 942819)]
    public void Most_of_the_files_go_to_websockets_with_a_reserve_kept(long openFiles, long http, long upgraded)
    {
        var caps = ConnectionLimits.Split(openFiles);

        Assert.Equal((http, upgraded), caps);
        Assert.True(caps.Http + caps.Upgraded <= openFiles - Math.Min(1000, openFiles / 4));
    }

    [Fact]
    public void The_running_server_is_capped_at_its_own_open_files_limit()
    {
        var limits = fixture.Server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        var expected = ConnectionLimits.ForThisProcess()!.Value;

        Assert.Equal(expected.Http, limits.MaxConcurrentConnections);
        Assert.Equal(expected.Upgraded, limits.MaxConcurrentUpgradedConnections);
    }

    [Fact]
    public async Task A_configured_limit_wins()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Kestrel:Limits:MaxConcurrentUpgradedConnections"] = "5000" });
        var limits = server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(5000, limits.MaxConcurrentUpgradedConnections);
        Assert.Equal(ConnectionLimits.ForThisProcess()!.Value.Http, limits.MaxConcurrentConnections);
    }
}
