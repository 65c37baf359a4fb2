using System.Text.RegularExpressions;
using BackupFleet.Server.Data;
using BackupFleet.Server.Infrastructure;
using BackupFleet.Shared.Enrollment;
using Microsoft.EntityFrameworkCore;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Server.Features.Live;

namespace BackupFleet.Server.Features.Enrollment;

public sealed record EnrollmentTokenCreated(string Token, DateTimeOffset ExpiresAt);

public abstract record EnrollResult
{
    public sealed record Enrolled(EnrollResponse Response) : EnrollResult;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : EnrollResult;
    public sealed record TokenRejected : EnrollResult;
    /// <summary>The token cannot enroll this computer name; nothing was changed and the token is still unused.</summary>
    public sealed record Conflict(string Detail) : EnrollResult;
}

/// <summary>Single-use, expiring enrollment tokens traded for a host's own agent credential.</summary>
public sealed partial class EnrollmentService(FleetDb db, AuditLog audit, FleetChangeFeed feed, TimeProvider clock, ILogger<EnrollmentService> log)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    // NetBIOS/DNS host names: letters, digits, hyphens and dots.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.\-]{0,62}$")]
    private static partial Regex ComputerName();

    /// <param name="forHostId">Null for a new host; a host's id to re-enroll it (a reinstalled agent), which replaces its credential.</param>
    /// <returns>Null when <paramref name="forHostId"/> names no host.</returns>
    public async Task<EnrollmentTokenCreated?> CreateTokenAsync(TimeSpan lifetime, Guid? forHostId, CancellationToken ct)
    {
        if (forHostId is { } id && !await db.Hosts.AnyAsync(h => h.Id == id, ct))
            return null;
        var token = Secrets.NewToken("bfe_");
        var now = clock.GetUtcNow();
        var entity = new EnrollmentTokenEntity
        {
            Id = Guid.NewGuid(), TokenHash = Secrets.Hash(token), CreatedAt = now, ExpiresAt = now + lifetime, HostId = forHostId,
        };
        db.EnrollmentTokens.Add(entity);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.EnrollmentTokenCreated, forHostId is { } reEnrolled ? AuditTargets.Host(reEnrolled, null) : null, null,
            new { expiresAt = entity.ExpiresAt, reEnrolls = forHostId }, ct);
        return new EnrollmentTokenCreated(token, entity.ExpiresAt);
    }

    public async Task<EnrollResult> EnrollAsync(EnrollRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > 200)
            errors["token"] = ["Give the enrollment token created on the server."];
        if (request.ComputerName is null || !ComputerName().IsMatch(request.ComputerName))
            errors["computerName"] = ["A computer name is 1–63 letters, digits, hyphens or dots."];
        if (string.IsNullOrWhiteSpace(request.AgentVersion) || request.AgentVersion.Length > 64 || request.AgentVersion.Any(char.IsControl))
            errors["agentVersion"] = ["Give the agent's version (up to 64 printable characters)."];
        if (errors.Count > 0)
            return new EnrollResult.Invalid(errors);

        var now = clock.GetUtcNow();
        var hash = Secrets.Hash(request.Token);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Claiming the token and creating the host commit together: a token is spent only by a completed enrollment.
        var token = await db.EnrollmentTokens.Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .Select(t => new { t.Id, t.HostId }).FirstOrDefaultAsync(ct);
        if (token is null || await db.EnrollmentTokens.Where(t => t.Id == token.Id && t.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct) != 1)
        {
            log.LogWarning("Enrollment of {Computer} refused: token unknown, used or expired", request.ComputerName);
            return new EnrollResult.TokenRejected();
        }

        var host = await db.Hosts.FirstOrDefaultAsync(h => token.HostId == null ? h.Name == request.ComputerName : h.Id == token.HostId, ct);
        if (token.HostId is null && host is not null)
        {
            // Otherwise any token could take over an enrolled host and receive its jobs.
            log.LogWarning("Enrollment of {Computer} refused: a host of that name is enrolled and the token is not for it", request.ComputerName);
            return new EnrollResult.Conflict($"{request.ComputerName} is already enrolled. To re-enroll it (e.g. after reinstalling its agent), "
                + $"create a token for that host: POST /api/v1/enrollment-tokens with {{\"hostId\": \"{host.Id}\"}}.");
        }
        if (host is not null && host.Name != request.ComputerName)
            return new EnrollResult.Conflict($"This token re-enrolls {host.Name}, not {request.ComputerName}.");

        if (host is null)
        {
            host = new HostEntity { Id = Guid.CreateVersion7(now), Name = request.ComputerName!, EnrolledAt = now };
            db.Hosts.Add(host);
        }
        else
        {
            // A re-enrolled host keeps its policy and history; its old credential stops working.
            await db.AgentCredentials.Where(c => c.HostId == host.Id && c.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, now), ct);
        }
        host.AgentVersion = request.AgentVersion;
        host.Simulated = request.Simulated;

        var credential = Secrets.NewToken("bfa_");
        db.AgentCredentials.Add(new AgentCredentialEntity { Id = Guid.NewGuid(), HostId = host.Id, SecretHash = Secrets.Hash(credential), CreatedAt = now });
        await db.SaveChangesAsync(ct);
        await db.EnrollmentTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.HostId, host.Id), ct);
        await tx.CommitAsync(ct);
        feed.PublishHostChanged(host.Id); // counted on the fleet page before its agent first connects

        log.LogInformation("Host {Host} enrolled", host.Name);
        await audit.RecordAsync(AuditActions.HostEnrolled, AuditTargets.Host(host.Id, host.Name), null,
            new { agentVersion = request.AgentVersion, simulated = request.Simulated }, ct);
        return new EnrollResult.Enrolled(new EnrollResponse(host.Id, host.Name, credential));
    }
}
