using System.Diagnostics;
using BackupFleet.Agent.Platform.Windows.Processes;

namespace BackupFleet.Tests.Agent.Windows;

/// <summary>The real runner with /bin/sh children: it is cross-platform code, so it is tested for real here.</summary>
public sealed class ProcessRunnerTests
{
    private static readonly ProcessRunner Runner = new();

    private static ProcessRequest Sh(string script, TimeSpan? timeout = null, Action<string>? onLine = null, Action<string>? onError = null) =>
        new("/bin/sh", ["-c", script], timeout, onLine, onError);

    [Fact]
    public async Task Lines_arrive_while_the_program_still_runs_and_the_exit_code_and_both_streams_come_back()
    {
        var firstLineAt = new TaskCompletionSource<TimeSpan>();
        var clock = Stopwatch.StartNew();

        var result = await Runner.RunAsync(Sh("echo one; echo oops >&2; sleep 1; echo two; exit 3", onLine: _ => firstLineAt.TrySetResult(clock.Elapsed)), default);

        Assert.True(await firstLineAt.Task < TimeSpan.FromSeconds(0.9), "the first line came only at the end");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["one", "two"], result.Output);
        Assert.Equal(["oops"], result.Errors);
    }

    [Fact]
    public async Task Each_argument_reaches_the_program_unchanged_however_hostile()
    {
        string[] hostile = [@"\\nas 01\it's ""here""\$HOME`;b.vhdx", "a b", "", "; rm -rf /"];

        var result = await Runner.RunAsync(new ProcessRequest("/bin/sh", ["-c", "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done", "sh", .. hostile]), default);

        Assert.Equal(hostile.Select(a => $"[{a}]"), result.Output);
    }

    [Fact]
    public async Task A_time_out_kills_the_whole_process_tree_and_keeps_what_was_printed()
    {
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<ProcessTimeoutException>(() => Runner.RunAsync(Sh("sleep 30 & echo $!; wait", TimeSpan.FromMilliseconds(500)), default));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        var grandchild = int.Parse(Assert.Single(e.Partial.Output), System.Globalization.CultureInfo.InvariantCulture);
        await AssertEndedAsync(grandchild);
    }

    [Fact]
    public async Task Cancellation_kills_the_whole_process_tree_and_throws_operation_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var pid = new TaskCompletionSource<int>();

        var run = Runner.RunAsync(Sh("sleep 30 & echo $!; wait", onLine: l => pid.TrySetResult(int.Parse(l, System.Globalization.CultureInfo.InvariantCulture))), cts.Token);
        var grandchild = await pid.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        await AssertEndedAsync(grandchild);
    }

    /// <summary>Gone, or a zombie waiting for a parent that no longer reaps (a container's PID 1 may not).</summary>
    private static async Task AssertEndedAsync(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(')')[1].Trim().StartsWith('Z'))
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"process {pid} (the grandchild sleep) is still running");
    }
}
