using BackupFleet.Server.Infrastructure;
using BackupFleet.Server.Data;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Hosts;

/// <summary>
/// Host lists and details with health, last run and next scheduled run. Filtering, sorting and counting the fleet read the
/// hosts table alone: each host's last run, last result and open problems are kept on its row by the database (see
/// <see cref="HostEntity.LastRunAt"/>), so a fleet of 10,000 is one pass over 10,000 rows, never its run history; a page's
/// details are then read for that page's hosts only.
/// </summary>
public sealed class HostQueries(FleetDb db, TimeProvider clock)
{
    public const int MaxPageSize = 500;
    public const int MaxTagChoices = 500;

    /// <summary>What the fleet list filters, sorts and counts on, one row per host; <see cref="HostHealth"/> has the rules.</summary>
    private sealed record Standing(Guid Id, string Name, string[] Tags, HostHealth Health, bool HasProblems, DateTimeOffset? LastRunAt, bool HasRpo, bool RpoBreached);

    // Columns in snake_case, as the naming convention maps Standing's properties. The database computes each host's health
    // with its row (hosts.health, migration HostHealthStored), by HostHealth's rules, and indexes it with the name.
    private const string StandingsSql = """
        SELECT h.id, h.name, h.tags, h.health,
               h.open_problems > 0 AS has_problems,
               h.last_run_at,
               coalesce(p.enabled, false) AS has_rpo,
               h.rpo_breached
        FROM hosts h
        LEFT JOIN backup_policies p ON p.host_id = h.id
        """;

    private IQueryable<Standing> Standings() => db.Database.SqlQueryRaw<Standing>(StandingsSql);

    public async Task<PagedList<HostSummary>> ListAsync(HostListQuery query, int page, int pageSize, CancellationToken ct)
    {
        var standings = Filter(Standings(), query);
        var total = await standings.CountAsync(ct);
        var pageRows = await Sort(standings, query).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new { s.Id, s.Health }).ToListAsync(ct);
        var ids = pageRows.Select(r => r.Id).ToArray();
        var rows = await Project(db.Hosts.AsNoTracking().Where(h => ids.Contains(h.Id))).ToListAsync(ct);
        var summaries = (await SummariseAsync(rows, pageRows.ToDictionary(r => r.Id, r => r.Health), ct)).ToDictionary(s => s.Id);
        return new PagedList<HostSummary>(ids.Where(summaries.ContainsKey).Select(id => summaries[id]).ToList(), page, pageSize, total);
    }

    public async Task<HostSummary?> GetAsync(Guid id, CancellationToken ct)
    {
        var rows = await Project(db.Hosts.AsNoTracking().Where(h => h.Id == id)).ToListAsync(ct);
        if (rows.Count == 0)
            return null;
        var health = await Standings().Where(s => s.Id == id).Select(s => s.Health).FirstOrDefaultAsync(ct);
        return (await SummariseAsync(rows, new Dictionary<Guid, HostHealth> { [id] = health }, ct))[0];
    }

    /// <summary>Every tag in use, for the fleet page's tag filter.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken ct) =>
        await db.Hosts.SelectMany(h => h.Tags).Distinct().OrderBy(t => t).Take(MaxTagChoices).ToListAsync(ct);

    private sealed record SummaryRow(int Total, int Ok, int Warning, int Offline, int Failed, int WithRpo, int WithinRpo);

    private static readonly string SummarySql = $"""
        SELECT count(*)::int AS total,
               count(*) FILTER (WHERE s.health = {(int)HostHealth.Ok})::int AS ok,
               count(*) FILTER (WHERE s.health = {(int)HostHealth.Warning})::int AS warning,
               count(*) FILTER (WHERE s.health = {(int)HostHealth.Offline})::int AS offline,
               count(*) FILTER (WHERE s.health = {(int)HostHealth.Failed})::int AS failed,
               count(*) FILTER (WHERE s.has_rpo)::int AS with_rpo,
               count(*) FILTER (WHERE s.has_rpo AND NOT s.rpo_breached)::int AS within_rpo
        FROM ({StandingsSql}) s
        """;

    /// <summary>The counts at the top of the fleet page, in one pass over the fleet.</summary>
    public async Task<FleetSummary> SummaryAsync(CancellationToken ct)
    {
        var counts = await db.Database.SqlQueryRaw<SummaryRow>(SummarySql).SingleAsync(ct);
        var since = clock.GetUtcNow().AddHours(-24);
        var backups = await db.Runs.CountAsync(r => r.State == RunState.Succeeded && r.FinishedAt >= since, ct);
        return new FleetSummary(counts.Total, counts.Ok, counts.Warning, counts.Failed, counts.Offline, backups, counts.WithRpo, counts.WithinRpo);
    }

    private IQueryable<Standing> Filter(IQueryable<Standing> standings, HostListQuery query)
    {
        if (query.Search is { } search)
        {
            // Matched in host_names, whose trigram index finds the few names without reading all of them. The pattern goes
            // into the SQL as a (quoted) literal: a prepared statement's generic plan cannot take trigrams from a parameter.
            var pattern = SearchPatterns.Containing(search);
            var named = db.HostNames.Where(n => EF.Functions.ILike(n.Name, EF.Constant(pattern))).Select(n => n.HostId);
            standings = standings.Where(s => named.Contains(s.Id));
        }
        if (query.Health is { } health)
            standings = standings.Where(s => s.Health == health);
        if (query.Tags.Count > 0)
        {
            var tags = query.Tags.ToArray();
            standings = standings.Where(s => tags.All(t => s.Tags.Contains(t)));
        }
        if (query.HasProblems is { } problems)
            standings = standings.Where(s => s.HasProblems == problems);
        return standings;
    }

    /// <summary>The query's order, then by name. By last run, hosts that never ran count as oldest.</summary>
    private static IQueryable<Standing> Sort(IQueryable<Standing> standings, HostListQuery query) => (query.Sort, query.Descending) switch
    {
        (HostSort.LastRun, false) => standings.OrderBy(s => s.LastRunAt != null).ThenBy(s => s.LastRunAt).ThenBy(s => s.Name),
        (HostSort.LastRun, true) => standings.OrderByDescending(s => s.LastRunAt != null).ThenByDescending(s => s.LastRunAt).ThenBy(s => s.Name),
        (HostSort.Health, false) => standings.OrderBy(s => s.Health).ThenBy(s => s.Name),
        (HostSort.Health, true) => standings.OrderByDescending(s => s.Health).ThenBy(s => s.Name),
        (_, false) => standings.OrderBy(s => s.Name),
        (_, true) => standings.OrderByDescending(s => s.Name),
    };

    /// <summary>What a summary shows of the host's row: its columns, not the whole entity (the inventory JSON stays in the database).</summary>
    private sealed record Row(Guid Id, string Name, bool Online, bool Simulated, string? ScenarioName, string? AgentVersion, string? OsDescription,
        DateTimeOffset? LastSeenAt, string[] Tags, string? AgentNotice, DateTimeOffset? AgentNoticeAt, int OpenProblems, DateTimeOffset? InventoryCapturedAt,
        bool HasPolicy, DateTimeOffset? NextRunAt);

    private static IQueryable<Row> Project(IQueryable<HostEntity> hosts) => hosts.Select(h => new Row(
        h.Id, h.Name, h.ConnectionId != null, h.Simulated, h.ScenarioName, h.AgentVersion, h.OsDescription, h.LastSeenAt, h.Tags, h.AgentNotice,
        h.AgentNoticeAt, h.OpenProblems, h.InventoryCapturedAt, h.Policy != null, h.Policy != null ? h.Policy.NextRunAt : null));

    private async Task<List<HostSummary>> SummariseAsync(List<Row> rows, IReadOnlyDictionary<Guid, HostHealth> health, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var lastRuns = await LastRunsAsync(ids, ct);
        return rows.Select(h => new HostSummary(h.Id, h.Name, h.Online ? HostStatus.Online : HostStatus.Offline, h.Simulated, h.ScenarioName,
            h.AgentVersion, h.OsDescription, h.LastSeenAt, h.HasPolicy, lastRuns.GetValueOrDefault(h.Id), h.NextRunAt,
            health.GetValueOrDefault(h.Id), h.Tags,
            h.AgentNotice is null ? null : new AgentNotice(h.AgentNotice, h.AgentNoticeAt!.Value), h.OpenProblems,
            h.InventoryCapturedAt)).ToList();
    }

    /// <summary>Each host's newest run: one index probe per host of the page, not a sort of the whole history.</summary>
    private async Task<Dictionary<Guid, LastRunInfo>> LastRunsAsync(Guid[] hostIds, CancellationToken ct)
    {
        if (hostIds.Length == 0)
            return [];
        var runs = await db.Runs.FromSql($"""
                SELECT last.* FROM unnest({hostIds}) AS page(host_id)
                CROSS JOIN LATERAL (SELECT * FROM runs r WHERE r.host_id = page.host_id ORDER BY r.queued_at DESC LIMIT 1) last
                """)
            .AsNoTracking()
            .Select(r => new { r.HostId, Info = new LastRunInfo(r.Id, r.State, r.Trigger, r.QueuedAt, r.StartedAt, r.FinishedAt, r.ErrorCode) })
            .ToListAsync(ct);
        return runs.ToDictionary(r => r.HostId, r => r.Info);
    }
}
