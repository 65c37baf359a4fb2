using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Runs;

/// <summary>One completed backup on the host page's chart: when it started, how long it took and what it wrote.</summary>
/// <param name="BytesTransferred">What Windows Server Backup reported writing; null when it did not say (no throughput then).</param>
public sealed record RunTrendPoint(Guid RunId, RunState State, DateTimeOffset StartedAt, double DurationSeconds, long? BytesTransferred)
{
    /// <summary>Bytes per second over the whole run, mount and dismount included; null without a byte count.</summary>
    public double? BytesPerSecond => BytesTransferred is { } bytes && DurationSeconds > 0 ? bytes / DurationSeconds : null;
}
