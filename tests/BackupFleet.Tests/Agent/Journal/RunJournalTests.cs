using BackupFleet.Agent.Journal;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Tests.Agent.Journal;

/// <summary>The agent's journal on a real SQLite file: what it holds must come back the same after the process is gone.</summary>
public sealed class RunJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bf-journal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly BackupSpec Spec = new(@"\\nas01\backups\HV01.vhdx", "B:", true, true, ["C:"], 60, 120);

    private static RunEventDto Event(int sequence, string message = "line") =>
        new(sequence, DateTimeOffset.Parse("2026-11-23T02:00:00Z").AddSeconds(sequence), RunEventKind.Log, BackupStep.Backup, message, null);

    [Fact]
    public void Events_not_acknowledged_come_back_in_order_after_the_journal_is_reopened()
    {
        var runId = Guid.NewGuid();
        using (var journal = RunJournal.Open(_dir))
        {
            journal.Begin(runId, Spec);
            for (var i = 1; i <= 5; i++)
                journal.Append(runId, Event(i, $"line {i}"));
            journal.Acknowledged(runId, 2);
        }

        using var reopened = RunJournal.Open(_dir);
        var run = Assert.Single(reopened.Pending());

        Assert.Equal(runId, run.RunId);
        Assert.Equal(Spec.TargetVhdxPath, run.Spec.TargetVhdxPath);
        Assert.Equal(5, run.LastSequence);
        Assert.Null(run.Completion);
        Assert.Equal([Event(3, "line 3"), Event(4, "line 4"), Event(5, "line 5")], run.Unsent);
    }

    [Fact]
    public void A_completed_run_is_kept_until_delivered_and_then_gone()
    {
        var runId = Guid.NewGuid();
        using var journal = RunJournal.Open(_dir);
        journal.Begin(runId, Spec);
        journal.Append(runId, Event(1));
        var completion = new RunCompletion(runId, RunState.Succeeded, DateTimeOffset.Parse("2026-11-23T02:10:00Z"), null, null, 1, 42);

        journal.Completed(completion);
        Assert.Equal(completion, Assert.Single(journal.Pending()).Completion);

        journal.Delivered(runId);
        Assert.Empty(journal.Pending());
    }

    [Fact]
    public void Runs_come_back_oldest_first_and_a_second_begin_keeps_the_first()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        using var journal = RunJournal.Open(_dir);
        journal.Begin(first, Spec);
        journal.Begin(second, Spec with { TargetDriveLetter = "R:" });
        journal.Append(first, Event(1));
        journal.Begin(first, Spec with { TargetDriveLetter = "Q:" });

        var pending = journal.Pending();

        Assert.Equal([first, second], pending.Select(r => r.RunId));
        Assert.Equal([first, second], journal.RunIds());
        Assert.Equal("B:", pending[0].Spec.TargetDriveLetter);
        Assert.Single(pending[0].Unsent);
    }
}
