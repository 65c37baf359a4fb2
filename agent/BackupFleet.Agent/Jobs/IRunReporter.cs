using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Jobs;

/// <summary>Where the job runner sends what a run finds out. The reporter numbers events and delivers them; nothing here blocks.</summary>
public interface IRunReporter
{
    void Emit(RunEventKind kind, BackupStep? step, string? message = null, double? percent = null);

    /// <summary>The versions on the target as listed during the run; sent beside the events, never holding up the run's completion.</summary>
    void ReportVersions(BackupVersionsReport report);
}
