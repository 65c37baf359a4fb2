using System.Text.Json;
using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Hosts;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Runs;

public sealed class RunQueries(FleetDb db, RunErrorDecoding errors, RunDispatcher dispatcher)
{
    public const int MaxPageSize = 200;
    public const int MaxEventPage = 5000;

    public async Task<PagedList<RunView>?> ListForHostAsync(Guid hostId, int page, int pageSize, CancellationToken ct)
    {
        var hostName = await db.Hosts.Where(h => h.Id == hostId).Select(h => h.Name).FirstOrDefaultAsync(ct);
        if (hostName is null)
            return null;
        var runs = db.Runs.AsNoTracking().Where(r => r.HostId == hostId);
        var total = await runs.CountAsync(ct);
        var rows = await runs.OrderByDescending(r => r.QueuedAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedList<RunView>(rows.Select(r => ToView(r, hostName)).ToList(), page, pageSize, total);
    }

    /// <summary>The host's last <paramref name="count"/> completed backups (Succeeded or Partial), oldest first, from the (host_id, queued_at) index.</summary>
    public async Task<IReadOnlyList<RunTrendPoint>> TrendAsync(Guid hostId, int count, CancellationToken ct)
    {
        var rows = await db.Runs.AsNoTracking()
            .Where(r => r.HostId == hostId && (r.State == RunState.Succeeded || r.State == RunState.Partial) && r.StartedAt != null && r.FinishedAt != null)
            .OrderByDescending(r => r.QueuedAt).Take(count)
            .Select(r => new { r.Id, r.State, StartedAt = r.StartedAt!.Value, FinishedAt = r.FinishedAt!.Value, r.BytesTransferred })
            .ToListAsync(ct);
        return rows.Select(r => new RunTrendPoint(r.Id, r.State, r.StartedAt, (r.FinishedAt - r.StartedAt).TotalSeconds, r.BytesTransferred))
            .Reverse().ToList();
    }

    public async Task<RunDetails?> GetAsync(Guid runId, int afterSequence, int limit, CancellationToken ct)
    {
        var row = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Join(db.Hosts, r => r.HostId, h => h.Id, (r, h) => new { Run = r, HostName = h.Name, h.Simulated, h.ScenarioName })
            .FirstOrDefaultAsync(ct);
        if (row is null)
            return null;
        var events = await db.RunEvents.AsNoTracking()
            .Where(e => e.RunId == runId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence).Take(limit + 1)
            .Select(e => new RunEventView(e.Sequence, e.At, e.Kind, e.Step, e.Message, e.Percent))
            .ToListAsync(ct);
        var more = events.Count > limit;
        return new RunDetails(ToView(row.Run, row.HostName), more ? events[..limit] : events, more, await errors.DecodeAsync(row.Run, row.HostName, ct),
            row.Simulated, row.ScenarioName, row.Run.State == RunState.Queued ? await dispatcher.WhyWaitingAsync(runId, ct) : null, row.Run.EventsKept);
    }

    public static RunView ToView(RunEntity r, string hostName) => new(
        r.Id, r.HostId, hostName, r.State, r.Trigger, r.QueuedAt, r.StartedAt, r.FinishedAt,
        r.StartedAt is { } s && r.FinishedAt is { } f ? (f - s).TotalSeconds : null,
        r.CurrentStep, r.ProgressPercent, r.ErrorCode, r.ErrorMessage,
        Spec(r), r.BytesTransferred);

    public static BackupSpec Spec(RunEntity r) => JsonSerializer.Deserialize<BackupSpec>(r.SpecJson)!;
}
