using System.Diagnostics;

namespace BackupFleet.Agent.Platform.Windows.Processes;

/// <summary>
/// Runs programs with <see cref="ProcessStartInfo.ArgumentList"/>, so .NET quotes each argument and a path with spaces
/// or quotes stays one argument. Cross-platform: tested with /bin/sh on Linux.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo(request.FileName)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true, // closed at once: a program that asks a question gets end-of-input, not a hang
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = request.OutputEncoding,
            StandardErrorEncoding = request.OutputEncoding,
        };
        foreach (var argument in request.Arguments)
            info.ArgumentList.Add(argument);

        var output = new List<string>();
        var errors = new List<string>();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Collect(e.Data, output, request.OnOutputLine);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, errors, request.OnErrorLine);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = request.Timeout is { } timeout ? new CancellationTokenSource(timeout) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
        try
        {
            // Returns once the process has exited and both streams have reached their end, so no line is lost.
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            // wbadmin and powershell.exe start children of their own; killing only the parent would leave them running.
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            throw new ProcessTimeoutException(request, Snapshot(process.ExitCode, output, errors));
        }
        return Snapshot(process.ExitCode, output, errors);
    }

    private static void Collect(string? line, List<string> lines, Action<string>? onLine)
    {
        if (line is null)
            return; // end of the stream
        lock (lines)
            lines.Add(line);
        onLine?.Invoke(line);
    }

    private static ProcessResult Snapshot(int exitCode, List<string> output, List<string> errors)
    {
        lock (output)
        lock (errors)
            return new ProcessResult(exitCode, output.ToList(), errors.ToList());
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }
}
