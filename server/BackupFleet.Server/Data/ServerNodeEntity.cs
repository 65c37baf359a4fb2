namespace BackupFleet.Server.Data;

/// <summary>A running server process, alive while it keeps <see cref="SeenAt"/> fresh; the agent connections it holds are only as alive as it is.</summary>
public sealed class ServerNodeEntity
{
    /// <summary>New for each start of the process: connections never outlive it.</summary>
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset SeenAt { get; set; }
}
