using System.Net;
using BackupFleet.Server.Data;
using BackupFleet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupFleet.Tests.Server;

/// <summary>
/// Issue 8: several server nodes behind one address share the Data Protection key ring through PostgreSQL, so a sign-in
/// made on one node is honoured by the next, and the key is in the database (machines share nothing else).
/// </summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private TestServer _first = default!;
    private TestServer _second = default!;

    public async Task InitializeAsync()
    {
        _first = await TestServer.StartAsync();
        _second = await _first.StartAnotherNodeAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task A_sign_in_on_one_node_works_on_the_other_and_its_key_is_kept_in_the_database()
    {
        var (browser, _) = await DashboardSession.SignInAsync(_first, TestServer.AdminUser, TestServer.AdminPassword);

        // Cookies belong to the host name, not the port: the same browser reaches the second node with them.
        var onSecond = await browser.GetAsync(new Uri(_second.BaseAddress, "/api/v1/hosts"));

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        await using var scope = _second.CreateScope();
        var keys = await scope.ServiceProvider.GetRequiredService<FleetDb>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith("<key id=", k));
    }
}
