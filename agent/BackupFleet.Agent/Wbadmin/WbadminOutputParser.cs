using BackupFleet.Shared.Knowledge;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BackupFleet.Agent.Wbadmin;

/// <summary>
/// Reads the console output of <c>wbadmin start backup</c> (shapes: shared/reference/windows-outputs.md §1). Pure: lines in, facts out.
/// The text is localised, so codes (HRESULT, exit code) are trusted over sentences wherever both exist.
/// </summary>
public static partial class WbadminOutputParser
{
    public const string SuccessSentence = "The backup operation successfully completed.";

    // The regex a public tool uses on real output; the same percentage is printed many times.
    [GeneratedRegex(@"^\s*Creating a backup of volume (.+), copied \((\d+)%\)\.\s*$")]
    private static partial Regex Progress();

    // KNOWLEDGE.md §3: a VM the snapshot skipped is missing from a backup that still "succeeds".
    [GeneratedRegex(@"^\s*The component (.+?) was skipped during the snapshot")]
    private static partial Regex SkippedComponent();

    [GeneratedRegex(@"[A-Za-z]:\\[^'""\r\n]*?\.log(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex LogPath();

    [GeneratedRegex(@"^\s*'?[A-Za-z]:\\[^'""]*\.log'?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LogPathOnly();

    /// <summary>Output text as lines, CRLF or LF, without the empty line after a final line end.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    public static bool TryParseProgress(string line, out VolumeProgress progress)
    {
        var m = Progress().Match(line);
        if (m.Success && int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent <= 100)
        {
            progress = new VolumeProgress(m.Groups[1].Value.Trim(), percent);
            return true;
        }
        progress = default;
        return false;
    }

    public static bool IsSuccessSentence(string line) => line.Trim() == SuccessSentence;

    /// <summary>The skipped component's name as printed, e.g. "SQL01(Online)"; null for any other line.</summary>
    public static string? TryParseSkippedComponent(string line)
    {
        var m = SkippedComponent().Match(line);
        return m.Success ? m.Groups[1].Value : null;
    }

    public static IReadOnlyList<string> LogFiles(IEnumerable<string> lines) =>
        lines.SelectMany(l => LogPath().Matches(l).Select(m => m.Value.Trim())).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The line that says what went wrong: the last one carrying an HRESULT (joined with the line before when it is
    /// the wrapped tail of a sentence), else the last line that is not progress or routine chatter; null if none.
    /// </summary>
    public static string? FailureMessage(IReadOnlyList<string> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (IsChatter(lines[i]) || HResults.FindLast(lines[i]) is null)
                continue;
            var line = lines[i].Trim();
            if (char.IsLower(line[0]) && i > 0 && !IsChatter(lines[i - 1]))
                line = lines[i - 1].Trim() + " " + line;
            return line;
        }
        return lines.LastOrDefault(l => !IsChatter(l))?.Trim();
    }

    /// <summary>
    /// Success is exit code 0 AND the success sentence. The Windows platform adds the third proof, event ID 4 of
    /// Microsoft-Windows-Backup in the run's time window (windows-outputs.md §4), because the text is localised.
    /// </summary>
    public static WbadminResult Evaluate(int exitCode, IReadOnlyList<string> lines)
    {
        var logs = LogFiles(lines);
        var skipped = lines.Select(TryParseSkippedComponent).OfType<string>().ToList();
        var sawSuccess = lines.Any(IsSuccessSentence);
        if (exitCode == 0 && sawSuccess)
        {
            // The skip line quotes the writer's error in words, not as a code: the code is what the dashboard decodes.
            var skipText = string.Join('\n', lines.Where(l => TryParseSkippedComponent(l) is not null));
            var skipCode = skipped.Count == 0 ? null : HResults.FindLast(skipText) ?? ErrorCatalogue.CodeQuotedIn(skipText);
            return new WbadminResult(true, null, null, logs, skipped, skipCode);
        }

        var message = FailureMessage(lines) ?? (exitCode == 0
            ? $"wbadmin exited with code 0 but never printed \"{SuccessSentence}\""
            : $"wbadmin exited with code {exitCode} and printed no error.");
        if (exitCode != 0 && sawSuccess)
            message = $"wbadmin printed \"{SuccessSentence}\" but exited with code {exitCode}.";
        var code = HResults.FindLast(message) ?? HResults.FindLast(string.Join('\n', lines)) ?? HResults.FromExitCode(exitCode);
        return new WbadminResult(false, code, message, logs, skipped);
    }

    /// <summary>Routine lines that never explain a failure: banner, progress, steps, summary headings, log paths.</summary>
    public static bool IsChatter(string line)
    {
        var t = line.Trim();
        return t.Length == 0
            || t.All(c => c == '-')
            || (t.StartsWith("wbadmin ", StringComparison.OrdinalIgnoreCase) && t.Contains("command-line tool", StringComparison.OrdinalIgnoreCase))
            || t.StartsWith("(C) Copyright", StringComparison.OrdinalIgnoreCase)
            || Progress().IsMatch(t)
            || LogPathOnly().IsMatch(t)
            || t == SuccessSentence
            || t.StartsWith("Retrieving volume information", StringComparison.Ordinal)
            || t.StartsWith("This will back up ", StringComparison.Ordinal)
            || (t.StartsWith("The backup operation to ", StringComparison.Ordinal) && t.EndsWith("is starting.", StringComparison.Ordinal))
            || t.StartsWith("Creating a shadow copy of the volumes", StringComparison.Ordinal)
            || t.StartsWith("Summary of ", StringComparison.Ordinal)
            || t.StartsWith("Log of files", StringComparison.Ordinal)
            || t.StartsWith("Please wait while files to backup", StringComparison.Ordinal)
            || t.StartsWith("This might take several minutes", StringComparison.Ordinal)
            || t.StartsWith("Scanning the file system", StringComparison.Ordinal)
            || (t.StartsWith("Found (", StringComparison.Ordinal) && t.EndsWith("files.", StringComparison.Ordinal))
            || t.StartsWith("Windows Server Backup is updating the existing backup", StringComparison.Ordinal)
            || t.StartsWith("been deleted from your server since the last backup", StringComparison.Ordinal)
            || (t.StartsWith("The backup of volume ", StringComparison.Ordinal) && t.EndsWith("completed successfully.", StringComparison.Ordinal))
            || t.StartsWith("The backup of the system state successfully completed", StringComparison.Ordinal)
            || t.StartsWith("Do you want to start the backup operation", StringComparison.Ordinal)
            || t.StartsWith("[Y] Yes", StringComparison.Ordinal)
            || t.StartsWith("Note:", StringComparison.Ordinal);
    }
}
