using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace BackupFleet.Server.Features.ScaleOut;

/// <summary>Without Redis a node of several is on its own: degraded, since what it still does (its own agents, the database) works.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy("Redis is reachable.")
            : HealthCheckResult.Degraded("Redis is not reachable: jobs sent from this node reach only agents connected to it, "
                + "and its dashboards do not see what the other nodes' agents report until it is back."));
}
