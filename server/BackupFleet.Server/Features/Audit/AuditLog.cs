using System.Text.Json;
using BackupFleet.Server.Data;

namespace BackupFleet.Server.Features.Audit;

/// <summary>
/// Writes audit entries: each at once (<see cref="RecordAsync"/>), or with the change it records, in the same commit
/// (<see cref="Add"/>), so a change and its record cannot drift apart silently.
/// </summary>
public sealed class AuditLog(FleetDb db, AuditActor actor, TimeProvider clock, ILogger<AuditLog> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="before">The state before the change (serialised as JSON), or null.</param>
    /// <param name="after">The state after the change, or null.</param>
    public async Task RecordAsync(string action, string? target, object? before = null, object? after = null, CancellationToken ct = default)
    {
        Add(action, target, before, after);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the entry to the changes the caller is about to save; written with them or not at all.</summary>
    public void Add(string action, string? target, object? before = null, object? after = null)
    {
        var (name, kind, address) = actor.Current;
        db.AuditEntries.Add(new AuditEntryEntity
        {
            At = clock.GetUtcNow(), Actor = Bounded(name), ActorKind = kind, Address = address, Action = action, Target = target is null ? null : Bounded(target),
            Before = Serialise(before), After = Serialise(after),
        });
        log.LogInformation("Audit: {Actor} {Action} {Target}", name, action, target);
    }

    private static string? Serialise(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, Json),
    };

    // What a failed sign-in typed is not trusted input: kept short.
    private static string Bounded(string value) => value.Length <= 255 ? value : value[..255] + "…";
}
