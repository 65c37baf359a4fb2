using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Live;
using BackupFleet.Shared.Inventory;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Inventory;

/// <summary>Keeps each host's latest inventory snapshot and the backup versions on its target.</summary>
public sealed class InventoryStore(FleetDb db, FleetChangeFeed feed, TimeProvider clock)
{
    public async Task SaveInventoryAsync(Guid hostId, InventoryReport report, CancellationToken ct)
    {
        var capturedAt = report.CapturedAt.ToUniversalTime();
        // An older snapshot (replayed after an outage) never replaces a newer one.
        await db.Hosts.Where(h => h.Id == hostId && (h.InventoryCapturedAt == null || h.InventoryCapturedAt < capturedAt))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.InventoryJson, report.Json).SetProperty(h => h.InventoryCapturedAt, capturedAt), ct);
        feed.PublishHostChanged(hostId);
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

    /// <summary>Checks the snapshot is JSON of the fixed schema before it is stored; returns what is wrong, or null.</summary>
    public static string? Problem(InventoryReport report)
    {
        try
        {
            using var doc = JsonDocument.Parse(report.Json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return "The inventory must be a JSON object.";
            if (!doc.RootElement.TryGetProperty("schema", out var schema) || schema.GetString() != HostInventory.SchemaV1)
                return $"The inventory's schema must be \"{HostInventory.SchemaV1}\".";
            return null;
        }
        catch (JsonException e)
        {
            return "The inventory is not valid JSON: " + e.Message;
        }
    }
}
