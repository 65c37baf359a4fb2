using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Tests.Notifications;

/// <summary>A real HTTP endpoint (Kestrel) that records each POST it receives and answers from a script of status codes.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Url { get; }

    private WebhookReceiver(WebApplication app, ConcurrentQueue<int> answers, Uri url) => (_app, _answers, Url) = (app, answers, url);

    /// <param name="answers">The status codes of the first requests, in order (a 3xx redirects to the same address); 200 after them.</param>
    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var queue = new ConcurrentQueue<int>(answers);
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            receiver!.Requests.Enqueue(new Received(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, DateTimeOffset.UtcNow));
            var status = queue.TryDequeue(out var scripted) ? scripted : 200;
            if (status is >= 300 and < 400)
                http.Response.Headers.Location = "/hook"; // back to itself: a sender that follows it posts twice
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver = new WebhookReceiver(app, queue, new Uri(new Uri(app.Urls.First()), "/hook"));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
