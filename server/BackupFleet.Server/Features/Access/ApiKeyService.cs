using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Auth;
using BackupFleet.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Shared.Text;

namespace BackupFleet.Server.Features.Access;

public sealed record ApiKeyView(Guid Id, string Name, string Role, string Prefix, Guid? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <param name="Key">The secret itself: shown this once, stored only as a hash.</param>
public sealed record ApiKeyCreated(Guid Id, string Name, string Role, string Key);

public sealed record ApiKeyRequest(string? Name, string? Role);

/// <summary>API keys: created with a role no higher than the creator's, listed (own keys, or all for an admin), revoked at once.</summary>
public sealed class ApiKeyService(FleetDb db, AuditLog audit, TimeProvider clock)
{
    private const int MaxName = 100;

    public async Task<(ApiKeyCreated? Created, Dictionary<string, string[]> Errors)> CreateAsync(Caller caller, ApiKeyRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxName || name.Any(char.IsControl))
            errors["name"] = [$"Give the key a name of 1 to {MaxName} printable characters, e.g. \"monitoring\"."];
        var role = Roles.Normalise(request.Role);
        if (role is null)
            errors["role"] = [$"'{Echo.Shorten(request.Role)}' is not a role; use {string.Join(", ", Roles.All)}."];
        else if (Roles.Rank(role) > Roles.Rank(caller.Role))
            errors["role"] = [$"A key cannot have more rights than its creator: you are {caller.Role}, the key asks for {role}."];
        if (errors.Count > 0)
            return (null, errors);

        var secret = Secrets.NewToken("bfk_");
        var key = new ApiKeyEntity
        {
            Id = Guid.CreateVersion7(), Name = name, KeyHash = Secrets.Hash(secret), CreatedAt = clock.GetUtcNow(), Role = role!,
            CreatedBy = caller.UserId, Prefix = secret[..10],
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.ApiKeyCreated, AuditTargets.ApiKey(key.Id, key.Name), null, new { key.Name, key.Role, key.Prefix }, ct);
        return (new ApiKeyCreated(key.Id, key.Name, key.Role, secret), errors);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(Caller caller, CancellationToken ct) =>
        await db.ApiKeys.AsNoTracking().Where(k => caller.IsAdmin || (caller.UserId != null && k.CreatedBy == caller.UserId))
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Role, k.Prefix, k.CreatedBy, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(ct);

    /// <summary>False when there is no such key the caller may revoke (someone else's, for a non-admin).</summary>
    public async Task<bool> RevokeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var found = await db.ApiKeys.AnyAsync(k => k.Id == id && (caller.IsAdmin || (caller.UserId != null && k.CreatedBy == caller.UserId)), ct);
        if (found && await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct) == 1)
            await audit.RecordAsync(AuditActions.ApiKeyRevoked, AuditTargets.ApiKey(id, null), null, new { revokedAt = now }, ct);
        return found;
    }
}
