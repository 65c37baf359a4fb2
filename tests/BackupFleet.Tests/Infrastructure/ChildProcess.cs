using System.Diagnostics;
using System.Text;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>
/// A program a test starts and owns (a server, an agent, Redis, Caddy): what it prints is kept for a failing test's message,
/// and it is killed, with its children, when disposed.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public static ChildProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var child = new ChildProcess(Process.Start(start)!);
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>What it printed so far, both streams.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>
    /// Waits until <paramref name="ready"/> says so. A process that exits first, or is not ready within <paramref name="limit"/>,
    /// is killed (never left running) and reported with <paramref name="what"/> and what it printed.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await ready())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                await KillAsync();
                throw new InvalidOperationException($"{what} did not come up within {limit.TotalSeconds:0} s. It said:\n{Output}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>A probe for <see cref="WaitUntilAsync"/>: the server at <paramref name="baseAddress"/> answers /healthz with success.</summary>
    public static Func<Task<bool>> Healthz(Uri baseAddress) => async () =>
    {
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            return (await probe.GetAsync("/healthz")).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    };

    /// <summary>SIGKILL: no shutdown, no cancellation, no flush.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is not null)
            lock (_output)
                _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
