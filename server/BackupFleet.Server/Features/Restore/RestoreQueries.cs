using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Inventory;
using BackupFleet.Shared.DataFiles;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Restore;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Restore;

public abstract record RestorePlanResult
{
    public sealed record Planned(IReadOnlyList<RestorePlan> Plans) : RestorePlanResult;
    public sealed record HostNotFound : RestorePlanResult;
    /// <summary>The host lacks what the commands are built from; the text says what.</summary>
    public sealed record NotPossible(string Reason) : RestorePlanResult;
}

/// <summary>The restore commands for a host's backup versions, built from its policy's target and its latest inventory.</summary>
public sealed class RestoreQueries(FleetDb db)
{
    /// <summary>The newest versions get commands; older ones are listed on the host page, and one can be asked for by its identifier.</summary>
    public const int MaxVersions = 20;

    /// <param name="version">One version identifier, or null for every version on the target.</param>
    public async Task<RestorePlanResult> PlanAsync(Guid hostId, string? version, CancellationToken ct)
    {
        var host = await db.Hosts.AsNoTracking().Where(h => h.Id == hostId)
            .Select(h => new { h.InventoryJson, Target = h.Policy != null ? h.Policy.TargetPath : null, Letter = h.Policy != null ? h.Policy.TargetDriveLetter : null })
            .FirstOrDefaultAsync(ct);
        if (host is null)
            return new RestorePlanResult.HostNotFound();
        if (host.Target is null || host.Letter is null)
            return new RestorePlanResult.NotPossible("The host has no policy, so the backup VHDX to mount is not known.");
        if (host.InventoryJson is null)
            return new RestorePlanResult.NotPossible("The agent has not sent the host's inventory yet; the commands need its volumes and VMs.");
        HostInventory inventory;
        try
        {
            inventory = InventoryReader.Parse(host.InventoryJson, InventoryStore.Source);
        }
        catch (DataFileException e)
        {
            return new RestorePlanResult.NotPossible("The stored inventory cannot be read: " + e.Message);
        }
        var versions = await db.BackupVersions.AsNoTracking().Where(v => v.HostId == hostId && (version == null || v.VersionIdentifier == version))
            .OrderByDescending(v => v.BackupTime).Take(MaxVersions)
            .Select(v => new BackupVersionDto(v.VersionIdentifier, v.BackupTime, v.BackupTarget, v.CanRecover, v.SnapshotId))
            .ToListAsync(ct);
        if (version is not null && versions.Count == 0)
            return new RestorePlanResult.NotPossible($"The target has no version '{version}'; GET /api/v1/hosts/{hostId}/versions lists them.");
        // The name WSB recorded is the computer's own, which the inventory carries; the host's name in BackupFleet may differ.
        return new RestorePlanResult.Planned(versions.Select(v => Plan(v, inventory, host.Target, host.Letter)).ToList());
    }

    /// <summary>One version's commands; a version whose names cannot be put into a command says so instead of failing the page.</summary>
    private static RestorePlan Plan(BackupVersionDto version, HostInventory inventory, string target, string letter)
    {
        try
        {
            return RestorePlanner.Plan(version, inventory.ComputerName, target, letter, inventory);
        }
        catch (ArgumentException e)
        {
            return new RestorePlan(version.VersionIdentifier, new RestoreStep($"No commands for this version: {e.Message} Use the Windows Server Backup console."), []);
        }
    }
}
