using System.Net.Http.Json;
using BackupFleet.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>The real server on a real Kestrel port against its own throwaway database.</summary>
public sealed class TestServer : IServerUnderTest, IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string AdminUser = "admin";
    public const string AdminPassword = "test-admin-password";

    private readonly WebApplication _app;
    private readonly TestDatabase _db;
    // A second node shares the first one's database and leaves it to the first to drop.
    private readonly bool _ownsDatabase = true;
    private readonly IDictionary<string, string?>? _settings;
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;
    public string DatabaseConnectionString => _db.ConnectionString;

    private TestServer(WebApplication app, TestDatabase db, Uri baseAddress, IDictionary<string, string?>? settings, bool ownsDatabase = true) =>
        (_app, _db, BaseAddress, _settings, _ownsDatabase) = (app, db, baseAddress, settings, ownsDatabase);

    public static async Task<TestServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var db = await TestDatabase.CreateAsync();
        try
        {
            var app = await StartAppAsync(db, settings, "http://127.0.0.1:0");
            return new TestServer(app, db, new Uri(app.Urls.First()), settings);
        }
        catch
        {
            await db.DisposeAsync(); // a server that did not start leaves no database behind
            throw;
        }
    }

    private static async Task<WebApplication> StartAppAsync(TestDatabase db, IDictionary<string, string?>? settings, string url)
    {
        var app = ServerApp.Build([], builder =>
        {
            builder.WebHost.UseUrls(url);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Fleet"] = db.ConnectionString,
                ["Bootstrap:ApiKey"] = ApiKey,
                ["Bootstrap:AdminUser"] = AdminUser,
                ["Bootstrap:AdminPassword"] = AdminPassword,
                ["Hangfire:SchedulePollingInterval"] = "00:00:01",
                ["Hangfire:QueuePollInterval"] = "00:00:00.200",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Checks:FleetDelay"] = "00:00:00.200",
                // Every test signs in from 127.0.0.1 and most use the one bootstrap key: the limits get their own test.
                ["RateLimits:SignInPerMinute"] = "100000",
                ["RateLimits:ApiPerMinute"] = "1000000",
            });
            if (settings is not null)
                builder.Configuration.AddInMemoryCollection(settings);
        });
        await ServerApp.InitializeAsync(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>Another server node on this one's database and settings, on a port of its own, as in a scale-out.</summary>
    public async Task<TestServer> StartAnotherNodeAsync()
    {
        var app = await StartAppAsync(_db, _settings, "http://127.0.0.1:0");
        return new TestServer(app, _db, new Uri(app.Urls.First()), _settings, ownsDatabase: false);
    }

    public HttpClient CreateClient(string? apiKey = ApiKey) => IServerUnderTest.ApiClient(BaseAddress, apiKey);

    public AsyncServiceScope CreateScope() => _app.Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // On a loaded machine Hangfire's workers may not wind down in time; the server is gone all the same.
        }
        await _app.DisposeAsync();
        if (_ownsDatabase)
            await _db.DisposeAsync();
    }
}
