using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Jobs;

/// <summary>Where the job runner sends a run's events. The reporter numbers them and delivers them; Emit never blocks.</summary>
public interface IRunReporter
{
    void Emit(RunEventKind kind, BackupStep? step, string? message = null, double? percent = null);
}
