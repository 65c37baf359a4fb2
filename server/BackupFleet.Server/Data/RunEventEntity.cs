using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Data;

/// <summary>A step or log line of a run; (RunId, Sequence) is unique so replays store nothing twice.</summary>
public sealed class RunEventEntity
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public int Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public RunEventKind Kind { get; set; }
    public BackupStep? Step { get; set; }
    public string? Message { get; set; }
    public double? Percent { get; set; }
}
