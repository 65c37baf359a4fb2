namespace BackupFleet.Agent.Connection;

/// <summary>How often the agent polls, batches and retries. The defaults are for production; tests shrink them.</summary>
public sealed record AgentTimings
{
    public static AgentTimings Default { get; } = new();

    /// <summary>Millisecond polls and retries, for tests (with the fast scenarios a whole run takes well under a second).</summary>
    public static AgentTimings Fast { get; } = new()
    {
        VolumePollInterval = TimeSpan.FromMilliseconds(10),
        ReleasePollInterval = TimeSpan.FromMilliseconds(10),
        EventFlushInterval = TimeSpan.FromMilliseconds(20),
        RetryDelays = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250)],
        DismountTimeout = TimeSpan.FromSeconds(10),
        ShutdownFlushTimeout = TimeSpan.FromSeconds(3),
    };

    /// <summary>How often WaitForVolume asks whether the mounted VHDX's volume is online (bounded by the policy's mount wait).</summary>
    public TimeSpan VolumePollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often WaitForRelease asks whether the disk is still in use (bounded by the policy's dismount wait).</summary>
    public TimeSpan ReleasePollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Run events are sent at least this often…</summary>
    public TimeSpan EventFlushInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>…or as soon as this many are waiting.</summary>
    public int EventBatchSize { get; init; } = 50;

    /// <summary>Waits between connection attempts and between retries of a failed send; the last one repeats forever.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)];

    /// <summary>Each retry delay is varied by up to this fraction, so that a fleet does not reconnect in lock-step after a server restart.</summary>
    public double RetryJitter { get; init; } = 0.2;

    /// <summary>Longest Mount-VHD may take: attaching a VHDX on a share that stopped answering would otherwise hang the run.</summary>
    public TimeSpan MountTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest a dismount may take; it is never cut short by a cancellation, only by this.</summary>
    public TimeSpan DismountTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>On shutdown, how long the last events and the completion of a cancelled run may take to reach the server.</summary>
    public TimeSpan ShutdownFlushTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
