namespace BackupFleet.Server.Features.ScaleOut;

/// <summary>
/// Several server nodes on one PostgreSQL (settings section "ScaleOut"; Redis itself is <c>ConnectionStrings:Redis</c>).
/// Every node beats; one that stopped beating for <see cref="NodeTimeout"/> is taken for dead and its agents for gone.
/// </summary>
public sealed class ScaleOutOptions
{
    public const string Section = "ScaleOut";

    /// <summary>How often a node tells the database it is alive. Default 10 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After this long without a beat a node is dead: the others mark its agents offline. Default 45 s; a node that was only
    /// slow (a long pause, the database away) says so again at its next beat and gets its agents back.
    /// </summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Prefix of every Redis channel, so that two installations can share one Redis. Default "backupfleet".</summary>
    public string ChannelPrefix { get; set; } = "backupfleet";

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HeartbeatInterval < TimeSpan.FromMilliseconds(100) || HeartbeatInterval > TimeSpan.FromMinutes(5))
            problems.Add($"{Section}:HeartbeatInterval must be between 00:00:00.1 and 00:05:00.");
        if (NodeTimeout < 2 * HeartbeatInterval)
            problems.Add($"{Section}:NodeTimeout must be at least twice {Section}:HeartbeatInterval, or a node merely late by one beat is taken for dead.");
        if (string.IsNullOrWhiteSpace(ChannelPrefix))
            problems.Add($"{Section}:ChannelPrefix must not be empty.");
        return problems;
    }
}
