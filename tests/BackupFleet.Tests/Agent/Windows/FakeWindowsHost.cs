using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.Platform.Windows.Processes;
using BackupFleet.Agent.Wbadmin;
using static BackupFleet.Tests.Agent.Windows.WindowsTestSupport;

namespace BackupFleet.Tests.Agent.Windows;

/// <summary>
/// A Windows host behind a fake process runner: it keeps whether the VHDX is attached and answers each script and each
/// wbadmin run with recorded outputs, so the real <see cref="WindowsPlatform"/> runs a whole backup on Linux.
/// </summary>
internal sealed class FakeWindowsHost
{
    private readonly object _gate = new();
    private readonly List<string> _history = [];
    private bool _attached;
    private int _volumePolls;

    public FakeWindowsHost()
    {
        Runner = new FakeProcessRunner(AnswerAsync);
        Platform = new WindowsPlatform(Runner, Tools, () => null);
    }

    public FakeProcessRunner Runner { get; }

    public WindowsPlatform Platform { get; }

    /// <summary>How many polls see the volume still coming up (no file system yet); -1 for never online.</summary>
    public int PollsUntilOnline { get; init; } = 2;

    /// <summary>The recording wbadmin plays, and its exit code.</summary>
    public string WbadminRecording { get; init; } = "wbadmin-success-allcritical.txt";

    public int WbadminExitCode { get; init; }

    /// <summary>What <c>wbadmin get versions</c> prints and exits with.</summary>
    public string VersionsRecording { get; init; } = "wbadmin-get-versions.txt";

    public int VersionsExitCode { get; init; }

    /// <summary>What the Get-WinEvent script prints; null for nothing (no events).</summary>
    public string? EventsRecording { get; init; } = "get-winevent-many.json";

    /// <summary>wbadmin hangs after its first progress line until it is killed, like a long backup.</summary>
    public bool WbadminHangs { get; init; }

    /// <summary>"mount PATH", "dismount PATH", "wbadmin start backup …", "wbadmin stop job -quiet".</summary>
    public IReadOnlyList<string> History
    {
        get { lock (_gate) return _history.ToList(); }
    }

    public bool IsAttached
    {
        get { lock (_gate) return _attached; }
    }

    private async Task<ProcessResult> AnswerAsync(ProcessRequest request, CancellationToken ct)
    {
        if (!IsPowerShell(request))
            return await WbadminAsync(request, ct);
        var script = Script(request);
        lock (_gate)
        {
            // The path as PowerShell reads the literal '…' with '' for each quote.
            var path = script.StartsWith("$path = '", StringComparison.Ordinal) ? script[9..(script.IndexOf('\n', StringComparison.Ordinal) - 1)].Replace("''", "'", StringComparison.Ordinal) : null;
            var body = path is null ? script : script[(script.IndexOf('\n', StringComparison.Ordinal) + 1)..];
            switch (body)
            {
                case WindowsVirtualDisks.MountScript:
                    _attached = true;
                    _history.Add("mount " + path);
                    return FakeProcessRunner.Replay(request, Fixture("mount-vhd.json"));
                case WindowsVirtualDisks.AttachedScript:
                    return FakeProcessRunner.Replay(request, Fixture(_attached ? "get-vhd-attached.json" : "get-vhd-detached.json"));
                case WindowsVirtualDisks.PartitionsScript when !_attached:
                    return FakeProcessRunner.Replay(request, []);
                case WindowsVirtualDisks.PartitionsScript:
                    var online = PollsUntilOnline >= 0 && ++_volumePolls > PollsUntilOnline;
                    return FakeProcessRunner.Replay(request, Fixture(online ? "partitions-gpt-at-b.json" : "partitions-coming-up.json"));
                case WindowsVirtualDisks.InUseScript:
                    return FakeProcessRunner.Replay(request, Fixture("in-use-false.json"));
                case WindowsVirtualDisks.DismountScript:
                    _attached = false;
                    _history.Add("dismount " + path);
                    return FakeProcessRunner.Replay(request, []);
            }
            if (script.StartsWith("$from = ", StringComparison.Ordinal) && script.EndsWith(WindowsBackupEvents.Script, StringComparison.Ordinal))
                return FakeProcessRunner.Replay(request, EventsRecording is null ? [] : Fixture(EventsRecording));
            if (script == WindowsInventory.ScriptFor(null))
                return FakeProcessRunner.Replay(request, Fixture("inventory-one.json"));
            throw new InvalidOperationException("The fake Windows host has no answer for this script:\n" + script);
        }
    }

    private async Task<ProcessResult> WbadminAsync(ProcessRequest request, CancellationToken ct)
    {
        Assert.Equal(Wbadmin, request.FileName);
        lock (_gate)
            _history.Add("wbadmin " + string.Join(' ', request.Arguments));
        if (request.Arguments.SequenceEqual(WindowsBackup.StopJobArguments))
            return FakeProcessRunner.Replay(request, ["wbadmin 1.0 - Backup command-line tool"]);
        if (request.Arguments is ["get", "versions", ..])
            return FakeProcessRunner.Replay(request, WbadminFixture(VersionsRecording), VersionsExitCode);
        var lines = WbadminFixture(WbadminRecording);
        if (!WbadminHangs)
            return FakeProcessRunner.Replay(request, lines, WbadminExitCode);
        var firstProgress = lines.TakeWhile(l => !WbadminOutputParser.TryParseProgress(l, out _)).Count();
        FakeProcessRunner.Replay(request, lines.Take(firstProgress + 1).ToList());
        await Task.Delay(Timeout.Infinite, ct); // the real runner kills the process tree here and throws
        throw new InvalidOperationException("unreachable");
    }
}
