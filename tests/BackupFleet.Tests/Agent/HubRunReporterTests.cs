using BackupFleet.Shared.Hub;
using BackupFleet.Agent.Journal;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Jobs;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

public sealed class HubRunReporterTests
{
    private static void EmitMany(HubRunReporter reporter, int count)
    {
        for (var i = 0; i < count; i++)
            reporter.Emit(RunEventKind.Log, BackupStep.Backup, $"line {i + 1}");
    }

    [Fact]
    public async Task Events_are_numbered_from_1_and_all_arrive_before_the_completion()
    {
        var hub = new FakeAgentHub();
        var runId = Guid.NewGuid();
        await using var reporter = new HubRunReporter(runId, hub, RunJournal.Open(null), FastTimings, NullLogger.Instance);
        EmitMany(reporter, 120);

        var completion = await reporter.CompleteAsync(JobOutcome.Succeeded, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 120), hub.Events(runId).Select(e => e.Sequence));
        Assert.Equal("line 120", hub.Events(runId)[^1].Message);
        Assert.Equal(new RunCompletion(runId, RunState.Succeeded, completion.FinishedAt, null, null, 120), Assert.Single(hub.Completions));
    }

    [Fact]
    public async Task Events_wait_in_memory_while_the_server_is_unreachable_and_are_delivered_once_in_order()
    {
        var hub = new FakeAgentHub { FailNextCalls = 4 };
        var runId = Guid.NewGuid();
        await using var reporter = new HubRunReporter(runId, hub, RunJournal.Open(null), FastTimings, NullLogger.Instance);
        EmitMany(reporter, 30);

        var completion = await reporter.CompleteAsync(JobOutcome.Failed("wbadmin failed", "0x80780119"), CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 30), hub.Events(runId).Select(e => e.Sequence));
        Assert.Equal(0, reporter.PendingCount);
        Assert.Equal(30, completion.LastSequence);
        Assert.Equal("0x80780119", Assert.Single(hub.Completions).ErrorCode);
    }

    [Fact]
    public async Task Events_are_sent_while_the_run_goes_on_in_batches()
    {
        var hub = new FakeAgentHub();
        var runId = Guid.NewGuid();
        await using var reporter = new HubRunReporter(runId, hub, RunJournal.Open(null), FastTimings with { EventBatchSize = 10 }, NullLogger.Instance);
        EmitMany(reporter, 25);

        for (var i = 0; i < 200 && hub.Events(runId).Count < 25; i++)
            await Task.Delay(10);

        Assert.Equal(25, hub.Events(runId).Count);
        Assert.Empty(hub.Completions);
    }

    [Fact]
    public async Task A_server_that_keeps_refusing_is_given_up_on()
    {
        var hub = new FakeAgentHub { FailNextCalls = 100, Failure = () => new HubException("An unexpected error occurred invoking 'ReportEvents' on the server.") };
        await using var reporter = new HubRunReporter(Guid.NewGuid(), hub, RunJournal.Open(null), FastTimings, NullLogger.Instance);
        EmitMany(reporter, 3);

        await Assert.ThrowsAsync<ReportRefusedException>(() => reporter.CompleteAsync(JobOutcome.Succeeded, CancellationToken.None));
        Assert.Empty(hub.Completions);
    }

    [Fact]
    public async Task A_server_that_says_try_again_is_waited_for_however_often_it_says_so()
    {
        var runId = Guid.NewGuid();
        var hub = new FakeAgentHub
        {
            FailNextCalls = 12,
            Failure = () => new HubException("An unexpected error occurred invoking 'ReportEvents' on the server. HubException: "
                + HubErrors.TryAgain("the server cannot reach its database.")),
        };
        await using var reporter = new HubRunReporter(runId, hub, RunJournal.Open(null), FastTimings, NullLogger.Instance);
        EmitMany(reporter, 3);

        await reporter.CompleteAsync(JobOutcome.Succeeded, CancellationToken.None);

        Assert.Equal(3, hub.Events(runId).Count);
        Assert.Single(hub.Completions);
    }

    [Fact]
    public async Task Giving_up_at_shutdown_ends_the_retries()
    {
        var hub = new FakeAgentHub { FailNextCalls = int.MaxValue };
        await using var reporter = new HubRunReporter(Guid.NewGuid(), hub, RunJournal.Open(null), FastTimings, NullLogger.Instance);
        EmitMany(reporter, 3);
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reporter.CompleteAsync(JobOutcome.Succeeded, shutdown.Token));
        Assert.Equal(3, reporter.PendingCount);
    }

    [Fact]
    public async Task Over_long_messages_and_percentages_are_cut_to_what_the_server_accepts()
    {
        var hub = new FakeAgentHub();
        var runId = Guid.NewGuid();
        await using var reporter = new HubRunReporter(runId, hub, RunJournal.Open(null), FastTimings, NullLogger.Instance);
        reporter.Emit(RunEventKind.Log, null, new string('x', 9000));
        reporter.Emit(RunEventKind.Progress, BackupStep.Backup, "v", 101);

        await reporter.CompleteAsync(JobOutcome.Succeeded, CancellationToken.None);

        Assert.Equal(8000, hub.Events(runId)[0].Message!.Length);
        Assert.Equal(100, hub.Events(runId)[1].Percent);
    }
}
