namespace BackupFleet.Server.Features.Runs;

/// <summary>
/// A Hangfire job every minute: queued runs that could start but were not taken are sent again (<see cref="RunDispatcher.ResendWaitingAsync"/>),
/// so a claim lost under load delays a backup by a minute instead of leaving it to be Missed.
/// </summary>
public sealed class WaitingRunResender(RunDispatcher dispatcher, ILogger<WaitingRunResender> log)
{
    public const string JobId = "runs:resend-waiting";

    // Younger runs are still on their way: sent when queued, being claimed.
    private static readonly TimeSpan Waited = TimeSpan.FromSeconds(30);

    public async Task ResendAsync(CancellationToken ct)
    {
        var sent = await dispatcher.ResendWaitingAsync(Waited, ct);
        if (sent > 0)
            log.LogWarning("{Count} queued run(s) could start but were not taken for {Waited}; sent again", sent, Waited);
    }
}
