using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using BackupFleet.Server.Features.Audit;

namespace BackupFleet.Server.Features.Policies;

public abstract record PolicySaveResult
{
    public sealed record Saved(PolicyDto Policy, bool Created) : PolicySaveResult;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : PolicySaveResult;
    public sealed record HostNotFound : PolicySaveResult;
}

/// <summary>The one way a policy is read, saved or deleted, from the API and the dashboard alike.</summary>
public sealed class PolicyService(FleetDb db, FleetChangeFeed feed, AuditLog audit, TimeProvider clock)
{
    public async Task<PolicyDto?> GetAsync(Guid hostId, CancellationToken ct) =>
        (await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.HostId == hostId, ct))?.ToDto();

    public async Task<PolicySaveResult> SaveAsync(Guid hostId, PolicyDto dto, CancellationToken ct)
    {
        if (!await db.Hosts.AnyAsync(h => h.Id == hostId, ct))
            return new PolicySaveResult.HostNotFound();
        var (policy, errors) = PolicyValidator.Validate(hostId, dto);
        if (policy is null)
            return new PolicySaveResult.Invalid(errors);

        policy.UpdatedAt = clock.GetUtcNow();
        policy.NextRunAt = PolicySchedule.NextRunAt(policy, policy.UpdatedAt);
        var before = await GetAsync(hostId, ct);
        var created = await UpsertAsync(policy, ct);
        await audit.RecordAsync(AuditActions.PolicySaved, await TargetAsync(hostId, ct), before, policy.ToDto(), ct);

        feed.PublishHostChanged(hostId);
        return new PolicySaveResult.Saved(policy.ToDto(), created);
    }

    /// <summary>Inserts or replaces the policy; true when it was new. Two first saves at once: the loser updates.</summary>
    private async Task<bool> UpsertAsync(BackupPolicyEntity policy, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.Policies.FirstOrDefaultAsync(p => p.HostId == policy.HostId, ct);
            if (existing is null)
                db.Policies.Add(policy);
            else
                db.Entry(existing).CurrentValues.SetValues(policy);
            try
            {
                await db.SaveChangesAsync(ct);
                return existing is null;
            }
            catch (DbUpdateException e) when (attempt == 1 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<bool> DeleteAsync(Guid hostId, CancellationToken ct)
    {
        var before = await GetAsync(hostId, ct);
        var deleted = await db.Policies.Where(p => p.HostId == hostId).ExecuteDeleteAsync(ct) > 0;
        if (deleted)
        {
            await audit.RecordAsync(AuditActions.PolicyDeleted, await TargetAsync(hostId, ct), before, null, ct);
            feed.PublishHostChanged(hostId);
        }
        return deleted;
    }

    private async Task<string> TargetAsync(Guid hostId, CancellationToken ct) =>
        AuditTargets.Host(hostId, await db.Hosts.Where(h => h.Id == hostId).Select(h => h.Name).FirstOrDefaultAsync(ct));
}
