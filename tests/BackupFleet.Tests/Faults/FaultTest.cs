using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Faults;

/// <summary>
/// A fault test's own server and database, a notification rule with its receiver, and a scratch folder for agent state
/// and slowed scenarios; all gone after.
/// </summary>
public abstract class FaultTest : IAsyncLifetime
{
    protected TestServer Server { get; private set; } = default!;
    protected HttpClient Api { get; private set; } = default!;
    protected FaultNotifications Notifications { get; private set; } = default!;
    protected string Scratch { get; } = Directory.CreateTempSubdirectory("bf-fault-").FullName;

    protected virtual Task<TestServer> StartServerAsync() => TestServer.StartAsync();

    public async Task InitializeAsync()
    {
        Server = await StartServerAsync();
        Api = Server.CreateClient();
        Notifications = await FaultNotifications.StartAsync(Api);
    }

    public virtual async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Notifications.DisposeAsync();
        Directory.Delete(Scratch, recursive: true);
    }
}
