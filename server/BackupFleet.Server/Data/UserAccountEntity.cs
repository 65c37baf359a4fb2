namespace BackupFleet.Server.Data;

/// <summary>A dashboard sign-in. Roles and the rest of user management come with ASP.NET Core Identity later.</summary>
public sealed class UserAccountEntity
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
