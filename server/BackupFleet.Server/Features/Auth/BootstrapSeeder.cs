using BackupFleet.Server.Data;
using BackupFleet.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Auth;

/// <summary>Creates the configured API key and admin account when they do not exist yet; never changes existing ones.</summary>
public sealed class BootstrapSeeder(FleetDb db, IOptions<BootstrapOptions> options, TimeProvider clock, ILogger<BootstrapSeeder> log)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.ApiKey))
        {
            var hash = Secrets.Hash(o.ApiKey);
            if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash, ct))
            {
                db.ApiKeys.Add(new ApiKeyEntity { Id = Guid.NewGuid(), Name = "bootstrap", KeyHash = hash, CreatedAt = clock.GetUtcNow() });
                log.LogInformation("Seeded the bootstrap API key from configuration");
            }
        }
        if (!string.IsNullOrWhiteSpace(o.AdminUser) && !string.IsNullOrEmpty(o.AdminPassword))
        {
            if (!await db.Users.AnyAsync(u => u.UserName == o.AdminUser, ct))
            {
                db.Users.Add(new UserAccountEntity
                {
                    Id = Guid.NewGuid(), UserName = o.AdminUser, PasswordHash = PasswordHashing.Hash(o.AdminPassword), CreatedAt = clock.GetUtcNow(),
                });
                log.LogInformation("Seeded the admin account {User} from configuration", o.AdminUser);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
