using System.Collections.Concurrent;
using System.Diagnostics;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Bench.Figures;

/// <summary>
/// The run-now baseline: a minimal Kestrel app with one hub and one POST endpoint that sends a job to a user with
/// Clients.User(id).SendAsync, nothing else. What the real server adds on top of this is the cost of its dispatch path.
/// </summary>
public sealed class BareHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly List<HubConnection> _clients = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new();

    private BareHub(WebApplication app, Uri address) => (_app, _http) = (app, new HttpClient { BaseAddress = address });

    public sealed class JobHub : Hub;

    /// <summary>The user of a connection is the id in its address (?user=…), as the real hub takes it from the agent's credential.</summary>
    private sealed class QueryUserIds : IUserIdProvider
    {
        public string? GetUserId(HubConnectionContext connection) => connection.GetHttpContext()?.Request.Query["user"];
    }

    /// <param name="clients">Connections to hold, one user each; the samples go round them.</param>
    public static async Task<BareHub> StartAsync(int port, int clients)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<IUserIdProvider, QueryUserIds>();
        var app = builder.Build();
        app.MapHub<JobHub>("/hub");
        app.MapPost("/send/{user}", async (string user, IHubContext<JobHub> hub) =>
        {
            var job = new BackupJob(Guid.CreateVersion7(), DateTimeOffset.UtcNow, new BackupSpec(@"\\nas001\backups\BARE.vhdx", "B:", true, true, ["C:"], 5, 5));
            await hub.Clients.User(user).SendAsync(nameof(IAgentClient.StartBackup), job);
            return Results.Accepted();
        });
        await app.StartAsync();

        var bare = new BareHub(app, new Uri($"http://127.0.0.1:{port}/"));
        for (var i = 0; i < clients; i++)
        {
            var user = i.ToString();
            var connection = new HubConnectionBuilder().WithUrl($"http://127.0.0.1:{port}/hub?user={user}").Build();
            connection.On<BackupJob>(nameof(IAgentClient.StartBackup), _ =>
            {
                if (bare._waiting.TryRemove(user, out var received))
                    received.TrySetResult(Stopwatch.GetTimestamp());
            });
            await connection.StartAsync();
            bare._clients.Add(connection);
        }
        return bare;
    }

    /// <summary>From the POST until the client's handler ran, in milliseconds.</summary>
    public async Task<double> SampleAsync(int client)
    {
        var user = (client % _clients.Count).ToString();
        var received = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[user] = received;
        var sent = Stopwatch.GetTimestamp();
        (await _http.PostAsync($"/send/{user}", null)).EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(sent, await received.Task.WaitAsync(TimeSpan.FromSeconds(30))).TotalMilliseconds;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
