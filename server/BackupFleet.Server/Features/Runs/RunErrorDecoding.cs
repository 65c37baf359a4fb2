using BackupFleet.Server.Data;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Knowledge;
using BackupFleet.Shared.Runs;
using Microsoft.EntityFrameworkCore;

namespace BackupFleet.Server.Features.Runs;

/// <summary>A run's error as the knowledge base reads it: what it means here and what to do.</summary>
/// <param name="Findings">The host findings the decoding rests on, as "check on subject".</param>
public sealed record RunErrorView(string Code, string Title, string Explanation, IReadOnlyList<string> Causes, string Fix, IReadOnlyList<string> Findings);

/// <summary>
/// Decodes a run's error code with the context the server has: the run's own words (log lines and Windows events), the
/// host's findings as they stand now, its target and its name. Done when the run is read, so the knowledge base's
/// newest wording and the host's current findings apply.
/// </summary>
public sealed class RunErrorDecoding(FleetDb db)
{
    // The words that carry the cause; progress lines carry none. Bounded, so a runaway log cannot make a page slow.
    private const int MaxTextEvents = 500;

    public async Task<RunErrorView?> DecodeAsync(RunEntity run, string hostName, CancellationToken ct)
    {
        if (run.ErrorCode is null)
            return null;
        var text = await db.RunEvents.AsNoTracking()
            .Where(e => e.RunId == run.Id && (e.Kind == RunEventKind.Log || e.Kind == RunEventKind.WindowsEvent || e.Kind == RunEventKind.StepFailed))
            .OrderByDescending(e => e.Sequence).Take(MaxTextEvents).Select(e => e.Message).ToListAsync(ct);
        var findings = await db.Findings.AsNoTracking().Where(f => f.HostId == run.HostId && f.ResolvedAt == null)
            .Select(f => new Finding(f.Check, f.Severity, f.Subject, f.Message, f.Fix)).ToListAsync(ct);
        var spec = RunQueries.Spec(run);
        try
        {
            var decoded = ErrorDecoder.Decode(new ErrorContext(run.ErrorCode, ErrorOperation.Backup,
                string.Join('\n', text.AsEnumerable().Reverse().Prepend(run.ErrorMessage)), findings, spec.TargetVhdxPath, spec.TargetDriveLetter, hostName));
            return new RunErrorView(decoded.Code, decoded.Title, decoded.Explanation, decoded.Causes, decoded.Fix,
                decoded.Findings.Select(f => $"{f.Check} on {f.Subject}").ToList());
        }
        catch (ArgumentException)
        {
            return null; // not a code the decoder reads; the run still shows its own message
        }
    }
}
