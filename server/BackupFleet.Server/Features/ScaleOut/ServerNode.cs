namespace BackupFleet.Server.Features.ScaleOut;

/// <summary>This server process among the nodes sharing the database: a new id at each start, since no connection outlives a process.</summary>
public sealed class ServerNode
{
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>For people reading the server_nodes table or a log.</summary>
    public string Name { get; } = $"{Environment.MachineName} (pid {Environment.ProcessId})";
}
