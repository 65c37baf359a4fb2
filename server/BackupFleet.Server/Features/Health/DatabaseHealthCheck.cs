using BackupFleet.Server.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BackupFleet.Server.Features.Health;

public sealed class DatabaseHealthCheck(FleetDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy("PostgreSQL is reachable.")
            : HealthCheckResult.Unhealthy("PostgreSQL is not reachable.");
}
