using System.Threading.Channels;
using BackupFleet.Agent;
using BackupFleet.Agent.Connection;
using BackupFleet.Bench.Server;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR.Client;

namespace BackupFleet.Bench.Load;

/// <summary>
/// A host's agent connection made of the agent's own hub client pieces (its connection and <see cref="HubAgentServer"/>), without the
/// job runner: it claims the run the server sends it and then reports the events the bench makes up, numbered as an agent numbers them.
/// The ingest and dashboard figures use it, since their events must come at the bench's pace, not the simulated backup's.
/// </summary>
public sealed class EventSender : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly IAgentHub _hub;
    private readonly Channel<BackupJob> _jobs = Channel.CreateUnbounded<BackupJob>();
    private int _sequence;

    private EventSender(BenchHost host, HubConnection connection)
    {
        Host = host;
        _connection = connection;
        _hub = new HubAgentServer(connection);
        _connection.On<BackupJob>(nameof(IAgentClient.StartBackup), job => _jobs.Writer.TryWrite(job));
    }

    public BenchHost Host { get; }

    public Guid RunId { get; private set; }

    /// <summary>The events reported so far for the run.</summary>
    public int LastSequence => _sequence;

    public static async Task<EventSender> ConnectAsync(Uri server, BenchHost host)
    {
        var sender = new EventSender(host, AgentRuntime.BuildConnection(server, host.Credential, Backoff.From(AgentTimings.Default)));
        await sender._connection.StartAsync();
        await sender._hub.Hello(new AgentHello(host.Name, AgentVersion.Current, "BackupFleet bench event sender", true, "bench-events"));
        return sender;
    }

    /// <summary>Run now on the host, claimed as the agent claims a job; its first event starts the backup step.</summary>
    public async Task ClaimRunAsync(FleetApi api)
    {
        var runId = await api.RunNowAsync(Host.HostId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await _jobs.Reader.ReadAsync(timeout.Token)).RunId != runId)
        {
        }
        if (!await _hub.AcceptJob(runId))
            throw new InvalidOperationException($"The server did not hand run {runId} over to {Host.Name}.");
        (RunId, _sequence) = (runId, 0);
        await ReportAsync([Event(RunEventKind.StepStarted, BackupStep.Backup, "wbadmin start backup (bench)", null)]);
    }

    /// <summary>The next <paramref name="count"/> events of the run: progress lines as wbadmin prints them.</summary>
    public RunEventDto[] ProgressLines(int count)
    {
        var events = new RunEventDto[count];
        for (var i = 0; i < count; i++)
        {
            var percent = _sequence % 101;
            events[i] = Event(RunEventKind.Progress, BackupStep.Backup, $"Creating a backup of volume C:, copied ({percent}%).", percent);
        }
        return events;
    }

    public RunEventDto Event(RunEventKind kind, BackupStep? step, string message, double? percent) =>
        new(++_sequence, DateTimeOffset.UtcNow, kind, step, message, percent);

    public Task<int> ReportAsync(IReadOnlyList<RunEventDto> events) => _hub.ReportEvents(new RunEventBatch(RunId, events));

    /// <summary>Ends the backup step and the run as Succeeded; the server accepts that only with every event stored, so nothing was lost.</summary>
    public async Task CompleteAsync()
    {
        await ReportAsync([Event(RunEventKind.StepSucceeded, BackupStep.Backup, "The backup operation successfully completed.", null)]);
        await _hub.CompleteRun(new RunCompletion(RunId, RunState.Succeeded, DateTimeOffset.UtcNow, null, null, _sequence));
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
