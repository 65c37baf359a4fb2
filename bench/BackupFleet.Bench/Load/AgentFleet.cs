using System.Collections.Concurrent;
using System.Diagnostics;
using BackupFleet.Agent.Connection;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Bench.Load;

/// <summary>
/// The simulated fleet in this one process: a real <see cref="AgentRuntime"/> per host (hub client, Hello, reconnects, job
/// handling, in-memory journal) over the fast scenario, so a backup takes a fraction of a second. Tells when a job arrives
/// and when a run's end was acknowledged, with the host it belongs to.
/// </summary>
public sealed class AgentFleet(Uri server, IReadOnlyList<BenchHost> hosts, FleetScenario scenario) : IAsyncDisposable
{
    // The test timings for the backup itself; production's for what the server sees: the backoff of reconnects (a server in
    // trouble gets the retries a real fleet sends) and how often events are sent (with the tests' 20 ms a run's events
    // came in batches of a few, five times the calls a real agent makes).
    private static readonly AgentTimings Timings = AgentTimings.Fast with
    {
        RetryDelays = AgentTimings.Default.RetryDelays,
        EventFlushInterval = AgentTimings.Default.EventFlushInterval,
    };
    private const int ConnectsAtOnce = 100;
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<int, AgentRuntime> _agents = new();

    public CountingLogger Log { get; } = new();

    public IReadOnlyList<BenchHost> Hosts => hosts;

    public int Started => _agents.Count;

    /// <summary>A StartBackup arrived (Stopwatch timestamp), before the agent claims it.</summary>
    public event Action<BenchHost, BackupJob, long>? JobReceived;

    /// <summary>The server acknowledged the end of a run the host ran.</summary>
    public event Action<BenchHost, RunCompletion>? RunCompleted;

    /// <summary>Starts the agents of hosts [from, to) and waits until each has said hello; agents that fail keep retrying as real ones do.</summary>
    public async Task StartAsync(int from, int to, CancellationToken ct)
    {
        await Parallel.ForAsync(from, to, new ParallelOptions { MaxDegreeOfParallelism = ConnectsAtOnce, CancellationToken = ct }, async (i, token) =>
        {
            var host = hosts[i];
            var agent = new AgentRuntime(server, host.Credential, scenario.PlatformFor(host.Name, host.Nas), Log, Timings);
            agent.JobReceived += job => JobReceived?.Invoke(host, job, Stopwatch.GetTimestamp());
            agent.RunCompleted += completion => RunCompleted?.Invoke(host, completion);
            _agents[i] = agent;
            await agent.StartAsync(token);
        });
    }

    /// <summary>Agents started whose connection is not open now.</summary>
    public int Disconnected => _agents.Values.Count(a => !a.IsConnected);

    public async ValueTask DisposeAsync()
    {
        var stopping = Parallel.ForEachAsync(_agents.Values, new ParallelOptions { MaxDegreeOfParallelism = ConnectsAtOnce }, async (agent, _) => await agent.DisposeAsync());
        try
        {
            await stopping.WaitAsync(StopBound);
        }
        catch (TimeoutException)
        {
            // Agents whose runs hang (a stalled wave) each wait out their shutdown: the process's exit ends them instead.
            Console.Error.WriteLine($"  of {_agents.Count} agents some had not stopped after {StopBound.TotalSeconds:0} s; they end with the bench");
        }
        _agents.Clear();
    }
}
