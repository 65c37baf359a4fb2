using System.Net;
using BackupFleet.Agent.Jobs;
using BackupFleet.Agent.Journal;
using BackupFleet.Agent.Platform;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Connection;

/// <summary>
/// The running agent: keeps a hub connection to the server (first connect and reconnects with backoff, Hello after
/// each, then the journal's undelivered runs and the host's inventory), takes the backup jobs the server sends and runs
/// them one at a time. Used by <c>agent run</c> and, in-process, by integration tests.
/// </summary>
public sealed class AgentRuntime : IAsyncDisposable
{
    private readonly IHostPlatform _platform;
    private readonly ILogger _log;
    private readonly Backoff _backoff;
    private readonly HubConnection _connection;
    private readonly IAgentHub _server;
    private readonly JobCoordinator _jobs;
    private readonly ProvisioningCoordinator _provisioning;
    private readonly InventorySender _inventory;
    private readonly LastJobFile? _lastJob;
    private readonly RunJournal _journal;
    private readonly bool _ownsJournal;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _gate = new();
    private Task _reconnectLoop = Task.CompletedTask;
    private HelloAck? _host;
    private string? _notice;
    private bool _started;
    private int _connecting;
    private int _disposed;

    /// <param name="server">The server's base address, e.g. http://127.0.0.1:5080.</param>
    /// <param name="credential">The agent credential from enrollment; sent as the bearer token.</param>
    /// <param name="lastJob">The last job's spec in the state directory: a VHDX it left attached is dismounted at start.</param>
    /// <param name="journal">The run journal in the state directory; null keeps one in memory for this runtime (tests in one process).</param>
    public AgentRuntime(Uri server, string credential, IHostPlatform platform, ILogger logger, AgentTimings? timings = null, LastJobFile? lastJob = null,
        RunJournal? journal = null)
    {
        _lastJob = lastJob;
        _ownsJournal = journal is null;
        _journal = journal ?? RunJournal.Open(null);
        var t = timings ?? AgentTimings.Default;
        (_platform, _log, _backoff) = (platform, logger, Backoff.From(t));
        _connection = BuildConnection(server, credential, _backoff);
        _server = new HubAgentServer(_connection);
        _jobs = new JobCoordinator(_server, platform, t, logger, TimeProvider.System, _journal, lastJob, () => _provisioning!.ActiveJobId is not null);
        _provisioning = new ProvisioningCoordinator(_server, platform, () => _jobs.ActiveRunId, t, logger);
        _inventory = new InventorySender(_server, platform, logger);

        // Typed: the handler names come from the shared IAgentClient, so a renamed method fails to compile, not silently.
        IAgentClient client = new AgentClient(_jobs, _provisioning);
        _connection.On<BackupJob>(nameof(IAgentClient.StartBackup), job =>
        {
            JobReceived?.Invoke(job);
            return client.StartBackup(job);
        });
        _connection.On<Guid>(nameof(IAgentClient.CancelRun), client.CancelRun);
        _connection.On<ProvisionTargetJob>(nameof(IAgentClient.ProvisionTarget), client.ProvisionTarget);
        _connection.Reconnecting += error =>
        {
            _log.LogWarning("Lost the connection to the server ({Error}); reconnecting", error?.Message ?? "closed");
            return Task.CompletedTask;
        };
        _connection.Reconnected += connectionId =>
        {
            // Not awaited here: Hello is a hub call, and the client may still be finishing its reconnect.
            _ = Task.Run(SayHelloAfterReconnectAsync);
            return Task.CompletedTask;
        };
        _connection.Closed += _ =>
        {
            StartReconnectLoop();
            return Task.CompletedTask;
        };
    }

    /// <summary>The agent's hub connection to <paramref name="server"/>: the credential as bearer token, automatic reconnect with the backoff.</summary>
    internal static HubConnection BuildConnection(Uri server, string credential, Backoff backoff) => new HubConnectionBuilder()
        // Over WebSockets the token travels as the access_token query parameter; the server reads both forms.
        .WithUrl(ServerUris.Combine(server, AgentHubRoute.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(credential))
        .WithAutomaticReconnect(new BackoffRetryPolicy(backoff))
        .Build();

    /// <summary>Raised as each StartBackup arrives from the server, before the agent claims it (the fleet benchmark times dispatch by it).</summary>
    public event Action<BackupJob>? JobReceived;

    /// <summary>The host as the server knows it, from the last Hello.</summary>
    public HelloAck? Host => Volatile.Read(ref _host);

    public bool IsConnected => _connection.State == HubConnectionState.Connected;

    /// <summary>The run being executed now, if any.</summary>
    public Guid? ActiveRunId => _jobs.ActiveRunId;

    /// <summary>Raised once the server has acknowledged a run's completion (all its events stored).</summary>
    public event Action<RunCompletion>? RunCompleted
    {
        add => _jobs.RunCompleted += value;
        remove => _jobs.RunCompleted -= value;
    }

    /// <summary>
    /// Dismounts a backup VHDX that an interrupted run left attached, then connects (retrying with backoff until it works or
    /// <paramref name="ct"/> ends) and returns once the server has answered Hello. No job can arrive before the dismount.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        lock (_gate)
        {
            if (_started)
                throw new InvalidOperationException("The agent runtime is already started.");
            _started = true;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _lifetime.Token);
        if (_lastJob is not null && await LeftoverTargetRecovery.DismountLeftoverAsync(_platform, _lastJob, _log, linked.Token) is { } leftover)
            _notice = $"At start the agent found {leftover} still attached, left by a run that did not finish (agent stopped, crashed or lost power), and dismounted it.";
        _jobs.CloseRunsCutShort();
        await ConnectAsync(linked.Token);
    }

    /// <summary>The first connect, and again whenever the connection closed for good: automatic reconnect only covers drops.</summary>
    private async Task ConnectAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _connecting);
        try
        {
            await ConnectWithRetriesAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _connecting);
        }
    }

    private async Task ConnectWithRetriesAsync(CancellationToken ct)
    {
        for (var attempt = 0L; ; attempt++)
        {
            try
            {
                if (_connection.State != HubConnectionState.Disconnected)
                    await _connection.StopAsync(ct);
                await _connection.StartAsync(ct);
                await SayHelloAsync(ct);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var delay = _backoff.Delay(attempt);
                if (e is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden })
                    _log.LogError("The server refused this agent's credential; if the host was removed or its credential revoked, enroll again. Retrying in {Delay:0} s",
                        delay.TotalSeconds);
                else
                    _log.LogWarning("Cannot reach the server ({Error}); retrying in {Delay:0.#} s", e.Message, delay.TotalSeconds);
                await Task.Delay(delay, ct);
            }
        }
    }

    private async Task SayHelloAsync(CancellationToken ct)
    {
        var notice = Volatile.Read(ref _notice);
        var hello = new AgentHello(_platform.ComputerName, AgentVersion.Current, _platform.OsDescription, _platform.IsSimulated, _platform.ScenarioName,
            _jobs.ActiveRunId, notice, _provisioning.ActiveJobId, _jobs.JournaledRunIds());
        var ack = await _server.Hello(hello).WaitAsync(ct);
        _jobs.ReplayJournal();
        // Told once: a later hello (reconnect) does not repeat it.
        Interlocked.CompareExchange(ref _notice, null, notice);
        Volatile.Write(ref _host, ack);
        // Not awaited: capturing it (a PowerShell script on Windows) must not hold up the connection or the jobs it brings.
        var lifetime = _lifetime.Token; // read now: the source is disposed when the agent stops
        _ = Task.Run(() => _inventory.SendAsync("after connecting", lifetime));
        _log.LogInformation("Connected to the server as host {HostName} ({HostId}){Simulated}", ack.HostName, ack.HostId,
            _platform.IsSimulated ? $", SIMULATED scenario '{_platform.ScenarioName}'" : "");
    }

    private async Task SayHelloAfterReconnectAsync()
    {
        try
        {
            await SayHelloAsync(_lifetime.Token);
            _jobs.ConnectionRestored();
        }
        catch (Exception e) when (!_lifetime.IsCancellationRequested)
        {
            // Without Hello the server does not route jobs here: start over with a fresh connection.
            _log.LogWarning("Hello after reconnecting failed ({Error}); connecting again", e.Message);
            try
            {
                await _connection.StopAsync(); // raises Closed, which starts the connect loop
            }
            catch (Exception stop)
            {
                _log.LogDebug(stop, "Stopping the connection failed");
            }
        }
        catch (Exception) when (_lifetime.IsCancellationRequested)
        {
            // The agent is stopping.
        }
    }

    private void StartReconnectLoop()
    {
        lock (_gate)
        {
            if (!_started || _lifetime.IsCancellationRequested || !_reconnectLoop.IsCompleted || Volatile.Read(ref _connecting) > 0)
                return;
            _reconnectLoop = Task.Run(async () =>
            {
                try
                {
                    // Connected or reconnecting already (a late Closed from a loop that has since succeeded): nothing to do.
                    if (_connection.State != HubConnectionState.Disconnected || Volatile.Read(ref _connecting) > 0)
                        return;
                    _log.LogWarning("The connection to the server closed; connecting again");
                    await ConnectAsync(_lifetime.Token);
                    _jobs.ConnectionRestored();
                }
                catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
                {
                }
            });
        }
    }

    /// <summary>Cancels the running backup, waits for its dismount and, for a bounded time, for its end to reach the server; then disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        Task loop;
        lock (_gate)
        {
            _lifetime.Cancel();
            loop = _reconnectLoop;
        }
        await Task.WhenAll(_jobs.StopAsync(), _provisioning.StopAsync());
        try
        {
            await loop;
        }
        catch (Exception e)
        {
            _log.LogDebug(e, "The connect loop ended with an error");
        }
        await _connection.DisposeAsync();
        if (_ownsJournal)
            _journal.Dispose();
        _lifetime.Dispose();
    }
}
