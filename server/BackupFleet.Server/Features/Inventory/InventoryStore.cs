using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Findings;
using BackupFleet.Server.Features.Live;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.DataFiles;
using BackupFleet.Shared.Inventory;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Inventory;

/// <summary>Keeps each host's latest inventory snapshot and the backup versions on its target.</summary>
public sealed class InventoryStore(FleetDb db, FindingStore findings, FleetChangeFeed feed, TimeProvider clock)
{
    public const string Source = "The agent's inventory";

    /// <summary>Stores the snapshot unless a newer one is stored, and then what the host rules find in it; true when it was stored.</summary>
    public async Task<bool> SaveInventoryAsync(Guid hostId, InventoryReport report, HostInventory snapshot, CancellationToken ct)
    {
        var capturedAt = report.CapturedAt.ToUniversalTime();
        // One report at a time per host (an old connection's may still be running when the new one sends), and the snapshot
        // and its findings stored together: the findings shown always belong to the inventory stored.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM hosts WHERE id = {hostId} FOR UPDATE", ct);
        // An older snapshot (replayed after an outage) never replaces a newer one.
        var stored = await db.Hosts.Where(h => h.Id == hostId && (h.InventoryCapturedAt == null || h.InventoryCapturedAt < capturedAt))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.InventoryJson, report.Json).SetProperty(h => h.InventoryCapturedAt, capturedAt), ct) == 1;
        if (stored)
            await findings.SyncHostAsync(hostId, FindingScope.Host, HostChecks.Run(snapshot), ct);
        await tx.CommitAsync(ct);
        feed.PublishHostChanged(hostId);
        return stored;
    }

    public async Task SaveVersionsAsync(Guid hostId, BackupVersionsReport report, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.BackupVersions.Where(v => v.HostId == hostId).ExecuteDeleteAsync(ct);
        db.BackupVersions.AddRange(report.Versions.DistinctBy(v => v.VersionIdentifier).Select(v => new BackupVersionEntity
        {
            HostId = hostId,
            VersionIdentifier = v.VersionIdentifier,
            BackupTime = v.BackupTime?.ToUniversalTime(),
            BackupTarget = v.BackupTarget,
            CanRecover = [.. v.CanRecover],
            SnapshotId = v.SnapshotId,
            ReportedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        feed.PublishHostChanged(hostId);
    }

    public async Task<IReadOnlyList<BackupVersionDto>?> VersionsAsync(Guid hostId, CancellationToken ct)
    {
        if (!await db.Hosts.AnyAsync(h => h.Id == hostId, ct))
            return null;
        return await db.BackupVersions.AsNoTracking().Where(v => v.HostId == hostId)
            .OrderByDescending(v => v.BackupTime)
            .Select(v => new BackupVersionDto(v.VersionIdentifier, v.BackupTime, v.BackupTarget, v.CanRecover, v.SnapshotId))
            .ToListAsync(ct);
    }

    /// <summary>The raw snapshot, or null when the host is unknown; an empty string when it never sent one.</summary>
    public async Task<string?> InventoryJsonAsync(Guid hostId, CancellationToken ct)
    {
        var host = await db.Hosts.Where(h => h.Id == hostId).Select(h => new { h.InventoryJson }).FirstOrDefaultAsync(ct);
        return host is null ? null : host.InventoryJson ?? "";
    }

    /// <summary>Reads the snapshot in full before anything is stored: the checks run on it.</summary>
    /// <exception cref="DataFileException">The message names what is wrong and where.</exception>
    public static HostInventory Parse(InventoryReport report) => InventoryReader.Parse(report.Json, Source);
}
