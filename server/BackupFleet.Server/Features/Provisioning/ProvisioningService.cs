using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Agents;
using BackupFleet.Server.Features.Live;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Paths;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using BackupFleet.Server.Features.Audit;

namespace BackupFleet.Server.Features.Provisioning;

public abstract record StartProvisioningResult
{
    public sealed record Started(ProvisioningJobView Job) : StartProvisioningResult;
    public sealed record HostNotFound : StartProvisioningResult;
    /// <summary>The request itself is wrong; keyed by the JSON field to fix.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : StartProvisioningResult;
    /// <summary>The request is fine but cannot go ahead now or for this host.</summary>
    public sealed record Refused(string Title, string Detail) : StartProvisioningResult;
}

/// <summary>
/// Checks a request to create a host's backup VHDX with everything the server knows (the rules of the agent's own
/// command, and that no other host uses that file: KNOWLEDGE.md §2, one VHDX per host) and sends it to the agent.
/// </summary>
public sealed class ProvisioningService(FleetDb db, IHubContext<AgentHub, IAgentClient> hub, FleetChangeFeed feed, AuditLog audit, TimeProvider clock,
    ILogger<ProvisioningService> log)
{
    // The request's JSON fields, and how a message names them.
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["vhdx"] = "vhdxPath", ["size"] = "size", ["letter"] = "driveLetter", ["label"] = "label",
    };
    private static readonly Dictionary<string, string> Names = new()
    {
        ["vhdx"] = "The VHDX path", ["size"] = "The size", ["letter"] = "The drive letter", ["label"] = "The label",
    };

    public async Task<StartProvisioningResult> StartAsync(Guid hostId, ProvisioningRequestDto dto, string? requestedBy, CancellationToken ct)
    {
        var host = await db.Hosts.AsNoTracking().Where(h => h.Id == hostId)
            .Select(h => new { h.Name, Online = h.ConnectionId != null, PolicyTarget = h.Policy != null ? h.Policy.TargetPath : null })
            .FirstOrDefaultAsync(ct);
        if (host is null)
            return new StartProvisioningResult.HostNotFound();

        var request = TargetRequest.Check(dto.VhdxPath, dto.Size, dto.DriveLetter, dto.Label, host.Name, field => Names[field]);
        if (request.Problems.Count > 0)
            return new StartProvisioningResult.Invalid(request.Problems.GroupBy(p => Fields[p.Field])
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

        if (WindowsPaths.Same(request.VhdxPath, host.PolicyTarget))
            return new StartProvisioningResult.Refused("This is the host's backup target already",
                $"{request.VhdxPath} is the target in {host.Name}'s policy and may hold its backups; creating it again would destroy them. Give a new file name.");
        if (await OtherHostsUsingAsync(hostId, request.VhdxPath, ct) is { Count: > 0 } others)
            return new StartProvisioningResult.Refused("Another host uses this VHDX",
                $"{request.VhdxPath} is the backup target of {string.Join(", ", others)}. One VHDX per host: two hosts writing to one disk destroy each other's backups. Give a file name of its own, e.g. {UncPaths.ShareRoot(request.VhdxPath)}\\{host.Name}.vhdx.");
        if (!host.Online)
            return new StartProvisioningResult.Refused("The agent is offline",
                $"The agent of {host.Name} is not connected; the target is created by the agent, so start it when the host is online.");
        if (await db.Runs.AnyAsync(r => r.HostId == hostId && (r.State == RunState.Running || r.State == RunState.Queued), ct))
            return new StartProvisioningResult.Refused("A backup is active",
                $"A backup is queued or running on {host.Name}; create the target after it has ended.");

        var now = clock.GetUtcNow();
        var job = new ProvisioningJobEntity
        {
            Id = Guid.CreateVersion7(now),
            HostId = hostId,
            VhdxPath = request.VhdxPath,
            SizeBytes = request.SizeBytes,
            DriveLetter = request.DriveLetter,
            Label = request.Label,
            State = ProvisioningState.Running,
            RequestedBy = requestedBy,
            CreatedAt = now,
        };
        db.ProvisioningJobs.Add(job);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new StartProvisioningResult.Refused("A target is being created already",
                $"{host.Name}'s agent is creating a backup target now; wait for it to finish.");
        }
        log.LogInformation("Provisioning {JobId}: {Path} ({Size} bytes) for host {Host}, asked by {User}", job.Id, job.VhdxPath, job.SizeBytes,
            host.Name, requestedBy);
        await audit.RecordAsync(AuditActions.ProvisioningStarted, AuditTargets.Host(hostId, host.Name), null,
            new { jobId = job.Id, job.VhdxPath, job.SizeBytes, job.DriveLetter, job.Label }, ct);
        await hub.Clients.User(hostId.ToString()).ProvisionTarget(new ProvisionTargetJob(job.Id, job.VhdxPath, job.SizeBytes, job.DriveLetter, job.Label));
        feed.PublishHostChanged(hostId);
        return new StartProvisioningResult.Started(ProvisioningQueries.ToView(job, request.Warnings));
    }

    /// <summary>Hosts whose policy or last inventory names this VHDX as their target; Windows paths compare without case.</summary>
    private async Task<List<string>> OtherHostsUsingAsync(Guid hostId, string path, CancellationToken ct) =>
        await db.Database.SqlQuery<string>($"""
            SELECT h.name AS "Value" FROM hosts h LEFT JOIN backup_policies p ON p.host_id = h.id
            WHERE h.id <> {hostId}
              AND (lower(p.target_path) = lower({path}) OR lower(h.inventory_json -> 'backupTarget' ->> 'Path') = lower({path}))
            ORDER BY h.name
            """).ToListAsync(ct);
}
