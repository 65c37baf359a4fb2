using System.Collections.Concurrent;
using System.Diagnostics;
using BackupFleet.Bench.Load;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Bench.Figures;

/// <summary>
/// Figure b: "Run now" through the API until the agent's StartBackup handler has the job, one sample at a time on hosts of their
/// own, with the whole fleet connected; against the same number of sends through a bare hub (<see cref="BareHub"/>).
/// </summary>
public static class RunNowFigure
{
    public static async Task RunAsync(BenchOptions options, FleetApi api, AgentFleet fleet, BenchReport report)
    {
        var waiting = new ConcurrentDictionary<Guid, TaskCompletionSource<(Guid RunId, long At)>>();
        var ended = new ConcurrentDictionary<Guid, byte>();
        void OnJob(BenchHost host, BackupJob job, long at)
        {
            if (waiting.TryRemove(host.HostId, out var received))
                received.TrySetResult((job.RunId, at));
        }
        void OnEnd(BenchHost host, RunCompletion completion) => ended[completion.RunId] = 0;
        fleet.JobReceived += OnJob;
        fleet.RunCompleted += OnEnd;
        var runs = new List<Guid>();
        var samples = new List<double>();
        var answered = new List<double>();
        var warmup = 0;
        // Run now on a host: how long until its agent had the job, and until the POST was answered.
        async Task<(double Job, double Answer)> SampleAsync(BenchHost host)
        {
            var received = new TaskCompletionSource<(Guid, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting[host.HostId] = received;
            var sent = Stopwatch.GetTimestamp();
            // The server sends the job before it answers the POST: the host, not the run id, tells which sample arrived.
            var runId = await api.RunNowAsync(host.HostId);
            var answer = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            var (jobRunId, at) = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (jobRunId != runId)
                throw new InvalidOperationException($"{host.Name} received run {jobRunId} while run now queued {runId}.");
            runs.Add(runId);
            return (Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds, answer);
        }
        try
        {
            var stride = fleet.Hosts.Count / options.RunNowSamples;
            // A server that has run for a while has compiled its run-now path: the first calls of a fresh one measure the
            // JIT, so the warm-up calls (on the hosts beside the sampled ones) are not counted.
            warmup = stride >= 2 ? Math.Min(options.RunNowWarmup, options.RunNowSamples) : 0;
            for (var i = 0; i < warmup; i++)
                await SampleAsync(fleet.Hosts[i * stride + 1]);
            for (var i = 0; i < options.RunNowSamples; i++)
            {
                var (job, answer) = await SampleAsync(fleet.Hosts[i * stride]);
                samples.Add(job);
                answered.Add(answer);
            }
            // The sampled backups end before the next figure, which must find every host idle.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (runs.Any(r => !ended.ContainsKey(r)) && DateTime.UtcNow < deadline)
                await Task.Delay(200);
        }
        finally
        {
            fleet.JobReceived -= OnJob;
            fleet.RunCompleted -= OnEnd;
        }

        var baseline = new List<double>();
        await using (var bare = await BareHub.StartAsync(options.BareHubPort, Math.Min(options.RunNowSamples, 200)))
            for (var i = 0; i < options.RunNowSamples; i++)
                baseline.Add(await bare.SampleAsync(i));

        var p99 = Percentiles.Of(samples, 99);
        var baseP99 = Percentiles.Of(baseline, 99);
        report.Add(new FigureRow("b. run now → job", $"p50 ({fleet.Started} connected, after {warmup} warm-up)", "–", Percentiles.Of(samples, 50), "ms",
            Percentiles.Of(baseline, 50), "bare hub p50"));
        // The server sends the job before it answers: what the answer takes beyond the job is the rest of the request.
        report.Add(new FigureRow("b. run now → job", "POST answered p50", "–", Percentiles.Of(answered, 50), "ms"));
        report.Add(new FigureRow("b. run now → job", $"p99 ({fleet.Started} connected, after {warmup} warm-up)", "< 100 ms and ≤ 2× bare hub", p99, "ms", baseP99, "bare hub p99",
            Pass: p99 < 100 && p99 <= 2 * baseP99));
    }
}
