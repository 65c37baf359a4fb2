using Microsoft.AspNetCore.Identity;

namespace BackupFleet.Server.Data;

/// <summary>A dashboard account (ASP.NET Core Identity: hashed password, lockout); its role is one of <see cref="Features.Auth.Roles"/>.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }
}
