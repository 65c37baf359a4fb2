using System.Text.RegularExpressions;
using BackupFleet.Server.Features.AgentDownload;

namespace BackupFleet.Tests.Scripts;

/// <summary>
/// What can be checked of scripts/Install-BackupFleetAgent.ps1 without PowerShell (not installable here): that it is
/// Windows PowerShell 5.1 code, strict, and verifies what it downloads before running it.
/// </summary>
public sealed class InstallScriptTests
{
    private static readonly string Script = ScriptText.Read("Install-BackupFleetAgent.ps1");

    private static readonly string Code = ScriptText.Code(Script);

    [Fact]
    public void It_declares_mandatory_server_and_token_parameters()
    {
        var param = ScriptText.ParamBlock(Script);
        Assert.Matches(@"\[Parameter\(Mandatory = \$true\)\]\s*\[string\] \$Server", param);
        Assert.Matches(@"\[Parameter\(Mandatory = \$true\)\]\s*\[string\] \$Token", param);
    }

    [Fact]
    public void It_stops_at_the_first_error_in_strict_mode()
    {
        Assert.Matches(@"(?m)^Set-StrictMode -Version Latest\r?$", Script);
        Assert.Matches(@"(?m)^\$ErrorActionPreference = 'Stop'\r?$", Script);
        // Native programs do not stop the script by themselves: each exit code is checked.
        Assert.Equal(Regex.Count(Code, @"& \$exe "), Regex.Count(Code, @"if \(\$LASTEXITCODE -ne 0\)"));
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
    public void It_enables_tls_12_before_downloading()
    {
        var tls = Code.IndexOf("[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12",
            StringComparison.Ordinal);
        Assert.True(tls >= 0, "TLS 1.2 added to the allowed protocols");
        Assert.True(tls < Code.IndexOf(".DownloadFile(", StringComparison.Ordinal));
    }

    [Fact]
    public void It_downloads_from_the_server_and_verifies_the_sha256_it_publishes_before_installing()
    {
        Assert.Contains("$client.DownloadFile(\"$base/agent/download/win-x64\", $download)", Script);
        Assert.Contains($"$hashHeader = '{AgentDownloadEndpoints.Sha256Header}'", Script);
        var hash = Code.IndexOf("Get-FileHash -LiteralPath $download -Algorithm SHA256", StringComparison.Ordinal);
        var compare = Code.IndexOf("if ($actual -ne $expected.Trim())", StringComparison.Ordinal);
        var install = Code.IndexOf("& $exe install --server $base --token $Token", StringComparison.Ordinal);
        Assert.True(hash > 0 && compare > hash && install > compare, "hash, compare, then install");
        // Only the verified file becomes the agent.
        Assert.True(Code.IndexOf("Move-Item -LiteralPath $download -Destination $exe", StringComparison.Ordinal) > compare);
    }

    [Fact]
    public void It_installs_into_program_files_and_needs_elevation()
    {
        Assert.Contains("[string] $InstallDirectory = (Join-Path $env:ProgramFiles 'BackupFleet\\Agent')", Script);
        Assert.Contains("IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)", Code);
    }
}
