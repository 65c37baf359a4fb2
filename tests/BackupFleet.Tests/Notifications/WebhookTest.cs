using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Notifications;

/// <summary>A test class's own server, started with <paramref name="settings"/>, and a real webhook receiver answering <paramref name="answers"/> first; both gone after.</summary>
public abstract class WebhookTest(IDictionary<string, string?> settings, params int[] answers) : IAsyncLifetime
{
    protected WebhookReceiver Receiver { get; private set; } = default!;
    protected TestServer Server { get; private set; } = default!;
    protected HttpClient Api { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync(answers);
        Server = await TestServer.StartAsync(settings);
        Api = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
