using BackupFleet.Agent.Enrollment;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Bench.Server;

namespace BackupFleet.Bench.Load;

/// <summary>Enrolls the bench's hosts as an administrator and the agents do it: a token from the API, traded by the agent's own enrollment code.</summary>
public static class Enroller
{
    /// <param name="prefix">The hosts' names are the prefix and a number, e.g. BENCH-00042.</param>
    public static async Task<List<BenchHost>> EnrollAsync(FleetApi api, FleetScenario scenario, string prefix, int count, int nasShares)
    {
        using var http = new HttpClient();
        var hosts = new BenchHost[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var name = $"{prefix}-{i + 1:00000}";
            var nas = $"nas{i % nasShares + 1:000}";
            var token = await api.CreateEnrollmentTokenAsync();
            var enrolled = await AgentEnrollment.EnrollAsync(http, api.Server, token, scenario.PlatformFor(name, nas), ct);
            hosts[i] = new BenchHost(i, name, enrolled.HostId, enrolled.AgentCredential, nas);
        });
        return [.. hosts];
    }
}
