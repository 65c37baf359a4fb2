using BackupFleet.Server.Data;
using BackupFleet.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackupFleet.Server.Features.Auth;

/// <summary>Creates the roles, and the configured API key and admin account when they do not exist yet; never changes existing ones.</summary>
public sealed class BootstrapSeeder(
    FleetDb db, UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<BootstrapOptions> options, TimeProvider clock,
    ILogger<BootstrapSeeder> log)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }), $"role {role}");

        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.ApiKey))
        {
            var hash = Secrets.Hash(o.ApiKey);
            if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash, ct))
            {
                db.ApiKeys.Add(new ApiKeyEntity
                {
                    Id = Guid.NewGuid(), Name = "bootstrap", KeyHash = hash, CreatedAt = clock.GetUtcNow(), Role = Roles.Admin,
                    Prefix = o.ApiKey[..Math.Min(6, o.ApiKey.Length)],
                });
                await db.SaveChangesAsync(ct);
                log.LogInformation("Seeded the bootstrap API key from configuration");
            }
        }
        if (!string.IsNullOrWhiteSpace(o.AdminUser) && !string.IsNullOrEmpty(o.AdminPassword) && await users.FindByNameAsync(o.AdminUser) is null)
        {
            var admin = new AppUser { Id = Guid.CreateVersion7(), UserName = o.AdminUser, CreatedAt = clock.GetUtcNow() };
            Check(await users.CreateAsync(admin, o.AdminPassword), $"the admin account {o.AdminUser}");
            Check(await users.AddToRoleAsync(admin, Roles.Admin), $"the admin account {o.AdminUser}'s role");
            log.LogInformation("Seeded the admin account {User} from configuration", o.AdminUser);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
