using BackupFleet.Shared.Runs;

namespace BackupFleet.Server.Features.Runs;

public enum StepStatus { Pending, Running, Succeeded, Failed }

public sealed record StepLine(BackupStep Step, StepStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Message);

/// <summary>Folds a run's events into the state of each step, for the run page.</summary>
public static class StepProgress
{
    public static IReadOnlyList<StepLine> Fold(IEnumerable<RunEventView> events)
    {
        var steps = Enum.GetValues<BackupStep>().ToDictionary(s => s, s => new StepLine(s, StepStatus.Pending, null, null, null));
        foreach (var e in events)
        {
            if (e.Step is not { } step)
                continue;
            steps[step] = e.Kind switch
            {
                RunEventKind.StepStarted => steps[step] with { Status = StepStatus.Running, StartedAt = e.At },
                RunEventKind.StepSucceeded => steps[step] with { Status = StepStatus.Succeeded, EndedAt = e.At, Message = e.Message },
                RunEventKind.StepFailed => steps[step] with { Status = StepStatus.Failed, EndedAt = e.At, Message = e.Message },
                _ => steps[step],
            };
        }
        return steps.Values.ToList();
    }
}
