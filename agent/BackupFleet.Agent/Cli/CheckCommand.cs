using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BackupFleet.Shared.Checks;
using BackupFleet.Shared.DataFiles;
using BackupFleet.Shared.Inventory;

namespace BackupFleet.Agent.Cli;

/// <summary>
/// <c>check</c>: the host rules over an inventory file, on any machine. Exit 0 without an <c>error</c> finding, 1 with one,
/// 2 when the file cannot be read, with the reason (missing, not JSON, wrong schema, which field) and never a stack trace.
/// </summary>
internal static class CheckCommand
{
    private const string Text = "text";
    private const string Json = "json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Read in a console or a file, never put into HTML: quotes and accents in names stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var format = args["format"]?.ToLowerInvariant() ?? Text;
        if (format is not (Text or Json))
            throw new UsageException($"--format '{args["format"]}' is not text or json.");
        HostInventory inventory;
        try
        {
            inventory = Read(args["inventory"]!);
        }
        catch (Exception e) when (e is DataFileException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.UnreadableInput;
        }
        var findings = HostChecks.Run(inventory);
        stdout.Write(format == Json ? JsonSerializer.Serialize(findings, JsonOptions) + Environment.NewLine : AsText(inventory, findings));
        return findings.Any(f => f.Severity == FindingSeverity.Error) ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static HostInventory Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The inventory file '{path}' does not exist.", path);
        return InventoryReader.Parse(File.ReadAllText(path), path);
    }

    /// <summary>A heading per severity, then each finding: its rule and subject, the evidence, and the fix indented below.</summary>
    private static string AsText(HostInventory inventory, IReadOnlyList<Finding> findings)
    {
        var text = new StringBuilder($"{inventory.ComputerName}, inventory of {inventory.CapturedAt:u}: ");
        if (findings.Count == 0)
            return text.AppendLine("no findings.").ToString();
        text.AppendLine(string.Join(", ", findings.CountBy(f => f.Severity).Select(c => Count(c.Key, c.Value))) + ".");
        foreach (var group in findings.GroupBy(f => f.Severity))
        {
            text.AppendLine().AppendLine(Count(group.Key, group.Count()).ToUpperInvariant());
            foreach (var f in group)
            {
                text.AppendLine($"  {f.Check}: {f.Subject}").AppendLine($"    {f.Message}").AppendLine("    Fix:");
                foreach (var line in f.Fix.Split('\n'))
                    text.AppendLine($"      {line}");
            }
        }
        return text.ToString();
    }

    private static string Count(FindingSeverity severity, int count) => severity switch
    {
        FindingSeverity.Error => count == 1 ? "1 error" : $"{count} errors",
        FindingSeverity.Warning => count == 1 ? "1 warning" : $"{count} warnings",
        _ => $"{count} info",
    };
}
