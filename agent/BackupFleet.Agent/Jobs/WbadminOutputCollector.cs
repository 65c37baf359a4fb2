using BackupFleet.Agent.Wbadmin;
using BackupFleet.Shared.Runs;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Jobs;

/// <summary>
/// Takes wbadmin's lines as they come: keeps them for the verdict, sends each as a Log event and turns progress lines
/// into overall Progress events. wbadmin repeats the same percentage many times; a repeat is neither logged nor reported.
/// </summary>
internal sealed class WbadminOutputCollector(IRunReporter events, int expectedVolumes, ILogger log)
{
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly OverallProgress _progress = new(expectedVolumes);
    private VolumeProgress? _lastProgress;

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return _lines.ToList(); }
    }

    public void OnLine(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            if (WbadminOutputParser.TryParseProgress(line, out var progress))
            {
                if (progress == _lastProgress)
                    return;
                _lastProgress = progress;
                events.Emit(RunEventKind.Log, BackupStep.Backup, line.Trim());
                if (_progress.Update(progress.Volume, progress.Percent) is { } overall)
                    events.Emit(RunEventKind.Progress, BackupStep.Backup, progress.Volume, overall);
                return;
            }
            if (string.IsNullOrWhiteSpace(line))
                return;
            log.LogDebug("wbadmin: {Line}", line);
            events.Emit(RunEventKind.Log, BackupStep.Backup, line.TrimEnd());
            if (WbadminOutputParser.TryParseSkippedComponent(line) is { } component)
                events.Emit(RunEventKind.Log, BackupStep.Backup,
                    $"Warning: {component} was skipped by the snapshot and is NOT in this backup, although wbadmin may still report success. "
                    + "Check that VM's disk layout (a disk at the root of a volume, KNOWLEDGE.md §3), free space and its backup integration service.");
        }
    }

    /// <summary>wbadmin confirmed success: the run is at 100 %.</summary>
    public void Completed()
    {
        lock (_gate)
        {
            if (_progress.Complete() is { } overall)
                events.Emit(RunEventKind.Progress, BackupStep.Backup, _lastProgress?.Volume, overall);
        }
    }
}
