using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BackupFleet.Shared.Knowledge;

namespace BackupFleet.Agent.Cli;

/// <summary><c>explain CODE</c>: the knowledge base's decoding of a code, offline, as the dashboard shows it.</summary>
internal static class ExplainCommand
{
    private static readonly Dictionary<string, ErrorOperation> Contexts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["backup"] = ErrorOperation.Backup,
        ["checkpoint"] = ErrorOperation.HyperVCheckpoint,
        ["restore"] = ErrorOperation.Restore,
    };

    // Printed to a console, not into HTML: quotes and paths stay readable.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(CliArguments args, TextWriter stdout)
    {
        var code = args.Argument ?? throw new UsageException($"'explain' needs a code. {ErrorCodes.WhatACodeLooks}");
        if (ErrorCodes.Normalise(code) is null)
            throw new UsageException($"'{code}' is not an error code. {ErrorCodes.WhatACodeLooks}");
        var operation = ErrorOperation.Unknown;
        if (args["context"] is { } context && !Contexts.TryGetValue(context, out operation))
            throw new UsageException($"--context is backup, checkpoint or restore, not '{context}'.");
        var format = (args["format"] ?? "text").ToLowerInvariant();
        if (format is not ("text" or "json"))
            throw new UsageException($"--format is text or json, not '{args["format"]}'.");

        // No findings: this host's inventory is not checked here, and the decoding says so rather than assume a check passed.
        var decoded = ErrorDecoder.Decode(new ErrorContext(code, operation));
        stdout.WriteLine(format == "json" ? JsonSerializer.Serialize(decoded, Json) : Text(decoded));
        return ExitCodes.Ok;
    }

    private static string Text(DecodedError decoded)
    {
        var text = new StringBuilder();
        text.AppendLine(decoded.Symbol.Length > 0 ? $"{decoded.Code} {decoded.Symbol}" : decoded.Code);
        text.AppendLine(decoded.Title);
        if (!decoded.Catalogued)
            text.AppendLine("(not in BackupFleet's catalogue: decoded from the code itself)");
        text.AppendLine().AppendLine(decoded.Explanation);
        if (decoded.Causes.Count > 0)
        {
            text.AppendLine().AppendLine("Likely causes, the most likely first:");
            for (var i = 0; i < decoded.Causes.Count; i++)
                text.AppendLine(CultureInfo.InvariantCulture, $"  {i + 1}. {decoded.Causes[i]}");
        }
        text.AppendLine().AppendLine("What to do:");
        foreach (var line in decoded.Fix.Split('\n'))
            text.AppendLine($"  {line}");
        return text.ToString().TrimEnd();
    }
}
