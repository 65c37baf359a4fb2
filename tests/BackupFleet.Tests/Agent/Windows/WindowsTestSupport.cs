using System.Runtime.CompilerServices;
using BackupFleet.Agent.Platform.Windows;
using BackupFleet.Agent.Platform.Windows.PowerShell;
using BackupFleet.Agent.Platform.Windows.Processes;
using BackupFleet.Agent.Wbadmin;

namespace BackupFleet.Tests.Agent.Windows;

/// <summary>Recorded outputs next to these tests, and the tool paths the tests expect in command lines.</summary>
internal static class WindowsTestSupport
{
    public static readonly WindowsTools Tools = WindowsTools.FromSystemDirectory(@"C:\Windows\System32");

    public const string Wbadmin = @"C:\Windows\System32\wbadmin.exe";

    public const string PowerShellExe = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe";

    public static IReadOnlyList<string> Fixture(string name, [CallerFilePath] string caller = "") =>
        WbadminOutputParser.SplitLines(File.ReadAllText(Path.Combine(Path.GetDirectoryName(caller)!, "Fixtures", name)));

    /// <summary>A wbadmin recording from the agent's shared fixtures.</summary>
    public static IReadOnlyList<string> WbadminFixture(string name, [CallerFilePath] string caller = "") =>
        WbadminOutputParser.SplitLines(File.ReadAllText(Path.Combine(Path.GetDirectoryName(caller)!, "..", "Fixtures", name)));

    /// <summary>The caller's script in a powershell.exe command line, after checking the fixed part of the line.</summary>
    public static string Script(ProcessRequest request)
    {
        Assert.Equal(PowerShellExe, request.FileName);
        Assert.Equal(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"], request.Arguments.Take(5));
        var wrapped = System.Text.Encoding.Unicode.GetString(Convert.FromBase64String(request.Arguments[5]));
        var empty = PowerShellCommand.Wrap("");
        var split = empty.IndexOf("\n}", StringComparison.Ordinal);
        var (prologue, epilogue) = (empty[..split], empty[split..]);
        Assert.StartsWith(prologue, wrapped, StringComparison.Ordinal);
        Assert.EndsWith(epilogue, wrapped, StringComparison.Ordinal);
        return wrapped[prologue.Length..^epilogue.Length];
    }

    public static bool IsPowerShell(ProcessRequest request) => request.FileName == PowerShellExe;
}

/// <summary>Answers each run from a handler, as the real tools would, and keeps every request.</summary>
internal sealed class FakeProcessRunner(Func<ProcessRequest, CancellationToken, Task<ProcessResult>> answer) : IProcessRunner
{
    private readonly List<ProcessRequest> _requests = [];

    public IReadOnlyList<ProcessRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    public IReadOnlyList<string> Scripts => Requests.Where(WindowsTestSupport.IsPowerShell).Select(WindowsTestSupport.Script).ToList();

    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_requests)
            _requests.Add(request);
        return answer(request, ct);
    }

    /// <summary>A finished run: its lines passed to the callbacks, as the real runner does, then the result.</summary>
    public static ProcessResult Replay(ProcessRequest request, IReadOnlyList<string> output, int exitCode = 0, IReadOnlyList<string>? errors = null)
    {
        foreach (var line in output)
            request.OnOutputLine?.Invoke(line);
        foreach (var line in errors ?? [])
            request.OnErrorLine?.Invoke(line);
        return new ProcessResult(exitCode, output, errors ?? []);
    }
}
