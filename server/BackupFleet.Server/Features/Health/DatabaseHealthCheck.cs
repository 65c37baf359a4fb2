using BackupFleet.Server.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BackupFleet.Server.Features.Health;

/// <summary>
/// Without PostgreSQL the server is degraded, not down: agents stay connected and retry what they send, dashboards keep
/// their circuits; nothing new is stored until the database is back.
/// </summary>
public sealed class DatabaseHealthCheck(FleetDb db) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Limit);
        try
        {
            if (await db.Database.CanConnectAsync(limit.Token))
                return HealthCheckResult.Healthy("PostgreSQL is reachable.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
        return HealthCheckResult.Degraded("PostgreSQL is not reachable: agents stay connected and retry; nothing new is stored until it is back.");
    }
}
