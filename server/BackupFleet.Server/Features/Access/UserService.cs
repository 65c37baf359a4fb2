using BackupFleet.Server.Data;
using BackupFleet.Server.Features.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using BackupFleet.Server.Features.Audit;
using BackupFleet.Shared.Text;

namespace BackupFleet.Server.Features.Access;

public sealed record UserView(Guid Id, string UserName, string Role, bool LockedOut, DateTimeOffset CreatedAt);

public sealed record NewUserRequest(string? UserName, string? Password, string? Role);

public sealed record RoleRequest(string? Role);

public abstract record UserChange
{
    public sealed record Done(UserView User) : UserChange;
    public sealed record NotFound : UserChange;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : UserChange;
    public sealed record Refused(string Reason) : UserChange;
}

/// <summary>Dashboard accounts, managed by admins. The last admin can be neither demoted nor deleted: someone must be able to manage the rest.</summary>
public sealed class UserService(UserManager<AppUser> users, AuditLog audit, TimeProvider clock)
{
    /// <summary>Long enough for any passphrase or generated password; more is an attempt to make hashing expensive.</summary>
    public const int MaxPasswordLength = 256;
    public const int MaxUserNameLength = 64;

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var views = new List<UserView>(all.Count);
        foreach (var u in all)
            views.Add(await ViewAsync(u));
        return views;
    }

    public async Task<UserChange> CreateAsync(NewUserRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var role = Roles.Normalise(request.Role);
        if (role is null)
            errors["role"] = [$"'{Echo.Shorten(request.Role)}' is not a role; use {string.Join(", ", Roles.All)}."];
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > MaxUserNameLength || request.UserName.Any(char.IsControl))
            errors["userName"] = [$"Give a user name of 1 to {MaxUserNameLength} printable characters."];
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > MaxPasswordLength)
            errors["password"] = [$"Give a password of 12 to {MaxPasswordLength} characters."];
        if (errors.Count > 0)
            return new UserChange.Invalid(errors);

        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = request.UserName!.Trim(), CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
            return new UserChange.Invalid(IdentityErrors(created));
        await users.AddToRoleAsync(user, role!);
        var view = await ViewAsync(user);
        await audit.RecordAsync(AuditActions.UserCreated, AuditTargets.User(view.Id, view.UserName), null, new { view.UserName, view.Role }, ct);
        return new UserChange.Done(view);
    }

    /// <summary>Changes the role; the user's sessions end (new security stamp), so the new rights apply at once.</summary>
    public async Task<UserChange> SetRoleAsync(Guid id, RoleRequest request, CancellationToken ct)
    {
        var role = Roles.Normalise(request.Role);
        if (role is null)
            return new UserChange.Invalid(new() { ["role"] = [$"'{Echo.Shorten(request.Role)}' is not a role; use {string.Join(", ", Roles.All)}."] });
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
            return new UserChange.NotFound();
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && role != Roles.Admin && await IsLastAdminAsync())
            return new UserChange.Refused($"{user.UserName} is the last Admin; make another user Admin first.");
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        var changed = await ViewAsync(user);
        await audit.RecordAsync(AuditActions.UserRoleChanged, AuditTargets.User(changed.Id, changed.UserName), new { role = current.FirstOrDefault() }, new { role }, ct);
        return new UserChange.Done(changed);
    }

    public async Task<UserChange> DeleteAsync(Guid id, Caller caller, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
            return new UserChange.NotFound();
        if (caller.UserId == id)
            return new UserChange.Refused("You cannot delete your own account; ask another Admin.");
        if (await users.IsInRoleAsync(user, Roles.Admin) && await IsLastAdminAsync())
            return new UserChange.Refused($"{user.UserName} is the last Admin.");
        var view = await ViewAsync(user);
        await users.DeleteAsync(user);
        await audit.RecordAsync(AuditActions.UserDeleted, AuditTargets.User(view.Id, view.UserName), new { view.UserName, view.Role }, null, ct);
        return new UserChange.Done(view);
    }

    private async Task<bool> IsLastAdminAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1;

    private async Task<UserView> ViewAsync(AppUser u) => new(
        u.Id, u.UserName!, (await users.GetRolesAsync(u)).FirstOrDefault() ?? "none", await users.IsLockedOutAsync(u), u.CreatedAt);

    private static Dictionary<string, string[]> IdentityErrors(IdentityResult result) =>
        result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
