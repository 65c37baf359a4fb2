using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BackupFleet.Tests.Scripts;

/// <summary>
/// What can be checked of scripts/Get-BackupFleetInventory.ps1 without PowerShell: Windows PowerShell 5.1 code, strict,
/// needing nothing beyond Hyper-V, Storage and built-in cmdlets, and writing every field of shared/reference/inventory.md.
/// What it prints is tested through the agent, which runs this file (WindowsInventoryTests).
/// </summary>
public sealed class InventoryScriptTests
{
    private static readonly string Script = ScriptText.Read("Get-BackupFleetInventory.ps1");

    private static readonly string Code = ScriptText.Code(Script);

    [Fact]
    public void It_takes_an_optional_out_file_and_target()
    {
        var param = ScriptText.ParamBlock(Script);
        Assert.Matches(@"\[string\] \$OutFile", param);
        Assert.Matches(@"\[string\] \$TargetVhdx", param);
        Assert.DoesNotContain("Mandatory", param, StringComparison.Ordinal);
    }

    [Fact]
    public void It_stops_at_the_first_error_in_strict_mode_and_never_exits_the_agent_that_runs_it_as_a_script_block()
    {
        Assert.Matches(@"(?m)^Set-StrictMode -Version Latest\r?$", Script);
        Assert.Matches(@"(?m)^\$ErrorActionPreference = 'Stop'\r?$", Script);
        Assert.DoesNotMatch(@"\bexit\b", Code);
    }

    [Theory]
    [MemberData(nameof(ScriptText.PowerShell7Only), MemberType = typeof(ScriptText))]
    public void It_uses_no_powershell_7_syntax(string pattern, string what)
    {
        Assert.False(Regex.IsMatch(Code, pattern, RegexOptions.IgnoreCase), $"The script uses {what}, which Windows PowerShell 5.1 does not have.");
    }

    [Fact]
    public void It_is_plain_ascii_so_that_51_reads_it_right_without_a_byte_order_mark()
    {
        Assert.All(Script, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4}"));
    }

    [Fact]
    public void It_uses_only_hyper_v_storage_and_built_in_cmdlets_and_its_own_functions()
    {
        string[] allowed =
        [
            "Get-VM", "Get-VMHardDiskDrive", "Get-VHD", "Get-VMIntegrationService", // Hyper-V
            "Get-Partition", "Get-Volume", // Storage
            "Get-CimInstance", "Get-Acl", "Get-Command", "Set-StrictMode", "Select-Object", "Sort-Object", "ForEach-Object",
            "ConvertTo-Json", "New-Object",
        ];
        var functions = Regex.Matches(Code, @"\bfunction ([\w-]+)").Select(m => m.Groups[1].Value);
        var used = Regex.Matches(Code, @"(?<![-$\w])[A-Z][A-Za-z]+-[A-Z][A-Za-z]+\b").Select(m => m.Value).Distinct();

        Assert.Empty(used.Except(allowed.Concat(functions), StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void It_writes_every_field_of_the_reference_by_its_name()
    {
        // The reference's example, plus DiskNumber, which it names only in its notes (pass-through disks).
        var names = Names(JsonNode.Parse(ReferenceExample())!).Append("DiskNumber").Distinct().ToList();

        Assert.All(names, name => Assert.Matches($@"(?m)(^|[{{;])\s*{name} = ", Code));
    }

    [Fact]
    public void It_writes_enums_as_names_dates_as_text_and_keeps_lists_as_arrays()
    {
        Assert.Contains("$json = ConvertTo-Json -InputObject $inventory -Depth 4", Code, StringComparison.Ordinal);
        Assert.Contains("capturedAt = [DateTimeOffset]::Now.ToString(", Code, StringComparison.Ordinal);
        foreach (var field in new[] { "ControllerType", "VhdFormat", "VhdType" })
            Assert.Matches($@"{field} = Get-Name \$", Code);
    }

    /// <summary>The example of inventory.md, copied verbatim beside the agent's tests.</summary>
    private static string ReferenceExample([CallerFilePath] string caller = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(caller)!, "..", "Agent", "Fixtures", "inventory-reference.json"));

    private static IEnumerable<string> Names(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [p.Key] : Names(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(i => i is null ? [] : Names(i)),
        _ => [],
    };
}
