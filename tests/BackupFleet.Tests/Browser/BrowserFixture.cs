using BackupFleet.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Browser;

/// <summary>A server and one Chromium for the dashboard tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    public TestServer Server { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        (_playwright, Browser) = await Infrastructure.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
