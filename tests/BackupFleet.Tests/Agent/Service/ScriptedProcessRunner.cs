using BackupFleet.Agent.Platform.Windows.Processes;
using BackupFleet.Agent.WindowsService;

namespace BackupFleet.Tests.Agent.Service;

/// <summary>Stands in for sc.exe and icacls.exe: keeps every command and answers with the exit code the script gives.</summary>
internal sealed class ScriptedProcessRunner(Func<ProcessRequest, int> exitCode) : IProcessRunner
{
    public const string System32 = @"C:\Windows\system32";
    public const string AgentExe = @"C:\Program Files\BackupFleet\Agent\BackupFleet.Agent.exe";

    public List<ProcessRequest> Requests { get; } = [];

    /// <summary>Each command as "program arg arg…", with the program's file name only.</summary>
    public IEnumerable<string[]> Commands => Requests.Select(r => new[] { Path.GetFileName(r.FileName) }.Concat(r.Arguments).ToArray());

    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct)
    {
        Requests.Add(request);
        var code = exitCode(request);
        return Task.FromResult(new ProcessResult(code, code == 0 ? [] : [$"[SC] FAILED {code}:", "", "Scripted failure."], []));
    }

    public ServiceEnvironment Machine(bool isWindows = true, bool isElevated = true) => new(isWindows, isElevated, this, System32, AgentExe);

    /// <summary>sc.exe's exit code for "query": 1060 (no such service) or 0.</summary>
    public static int Query(ProcessRequest r, bool installed) => r.Arguments[0] == "query" ? (installed ? 0 : 1060) : 0;
}
