using System.Text;

namespace BackupFleet.Agent.Platform.Windows.Processes;

/// <param name="FileName">The program, best as a full path so that nothing on PATH can stand in for it.</param>
/// <param name="Arguments">Each argument as the program should receive it; quoting is the runner's job, never the caller's.</param>
/// <param name="Timeout">Longest the program may run; null for no limit (wbadmin: a backup may take a day).</param>
/// <param name="OnOutputLine">Each stdout line as it arrives.</param>
/// <param name="OnErrorLine">Each stderr line as it arrives.</param>
/// <param name="OutputEncoding">How the program encodes its output; null for the platform's default.</param>
public sealed record ProcessRequest(
    string FileName,
    IReadOnlyList<string> Arguments,
    TimeSpan? Timeout = null,
    Action<string>? OnOutputLine = null,
    Action<string>? OnErrorLine = null,
    Encoding? OutputEncoding = null);
