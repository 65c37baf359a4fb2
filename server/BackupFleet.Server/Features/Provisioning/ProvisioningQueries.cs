using BackupFleet.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Provisioning;

public sealed class ProvisioningQueries(FleetDb db)
{
    public const int HistoryLength = 10;

    /// <summary>The host's latest provisioning jobs, newest first; null when there is no such host.</summary>
    public async Task<IReadOnlyList<ProvisioningJobView>?> ListForHostAsync(Guid hostId, CancellationToken ct)
    {
        if (!await db.Hosts.AnyAsync(h => h.Id == hostId, ct))
            return null;
        var jobs = await db.ProvisioningJobs.AsNoTracking().Where(p => p.HostId == hostId)
            .OrderByDescending(p => p.CreatedAt).Take(HistoryLength).ToListAsync(ct);
        return jobs.Select(j => ToView(j, [])).ToList();
    }

    public async Task<ProvisioningJobView?> GetAsync(Guid jobId, CancellationToken ct) =>
        await db.ProvisioningJobs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == jobId, ct) is { } job ? ToView(job, []) : null;

    public static ProvisioningJobView ToView(ProvisioningJobEntity j, IReadOnlyList<string> warnings) => new(
        j.Id, j.HostId, j.VhdxPath, j.SizeBytes, j.DriveLetter, j.Label, j.State.ToString(), j.Lines, j.Error, j.RequestedBy, j.CreatedAt,
        j.FinishedAt, warnings);
}
