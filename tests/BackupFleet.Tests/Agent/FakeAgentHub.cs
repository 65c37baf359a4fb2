using System.Collections.Concurrent;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR;

namespace BackupFleet.Tests.Agent;

/// <summary>The server's hub in memory: stores events by sequence like the real one, and can fail calls on demand.</summary>
internal sealed class FakeAgentHub : IAgentHub
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, SortedDictionary<int, RunEventDto>> _events = [];

    public ConcurrentQueue<Guid> Accepted { get; } = new();
    public ConcurrentQueue<RunCompletion> Completions { get; } = new();
    public ConcurrentQueue<int> BatchSizes { get; } = new();
    public TaskCompletionSource<RunCompletion> FirstCompletion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answer of AcceptJob.</summary>
    public bool AcceptResult { get; set; } = true;

    /// <summary>How many of the next ReportEvents/CompleteRun/ReportProvisioning calls fail, and with what.</summary>
    public int FailNextCalls { get; set; }
    public Func<Exception> Failure { get; set; } = () => new InvalidOperationException("The 'InvokeCoreAsync' method cannot be called if the connection is not active");

    public IReadOnlyList<RunEventDto> Events(Guid runId)
    {
        lock (_gate)
            return _events.TryGetValue(runId, out var e) ? e.Values.ToList() : [];
    }

    public Task<HelloAck> Hello(AgentHello hello) => Task.FromResult(new HelloAck(Guid.NewGuid(), hello.ComputerName));

    public ConcurrentQueue<InventoryReport> Inventories { get; } = new();
    public ConcurrentQueue<BackupVersionsReport> VersionReports { get; } = new();

    public Task ReportInventory(InventoryReport report)
    {
        Inventories.Enqueue(report);
        return Task.CompletedTask;
    }

    public Task ReportBackupVersions(BackupVersionsReport report)
    {
        VersionReports.Enqueue(report);
        return Task.CompletedTask;
    }

    public ConcurrentQueue<ProvisioningUpdate> ProvisioningUpdates { get; } = new();

    public Task ReportProvisioning(ProvisioningUpdate update)
    {
        lock (_gate)
            ThrowIfFailing();
        ProvisioningUpdates.Enqueue(update);
        return Task.CompletedTask;
    }

    public Task<bool> AcceptJob(Guid runId)
    {
        Accepted.Enqueue(runId);
        return Task.FromResult(AcceptResult);
    }

    public Task<int> ReportEvents(RunEventBatch batch)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            BatchSizes.Enqueue(batch.Events.Count);
            if (!_events.TryGetValue(batch.RunId, out var stored))
                _events[batch.RunId] = stored = [];
            foreach (var e in batch.Events)
                stored.TryAdd(e.Sequence, e);
            return Task.FromResult(stored.Keys.Max());
        }
    }

    public Task CompleteRun(RunCompletion completion)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            var stored = _events.TryGetValue(completion.RunId, out var e) ? e.Count : 0;
            if (stored != completion.LastSequence)
                throw new HubException($"Run {completion.RunId} has {stored} of {completion.LastSequence} events stored; send the missing ones first.");
        }
        Completions.Enqueue(completion);
        FirstCompletion.TrySetResult(completion);
        return Task.CompletedTask;
    }

    private void ThrowIfFailing()
    {
        if (FailNextCalls <= 0)
            return;
        FailNextCalls--;
        throw Failure();
    }
}
