using System.Text.RegularExpressions;

namespace BackupFleet.Tests.Scripts;

/// <summary>A script from scripts/, read as text: PowerShell cannot be installed here, so the scripts are checked by reading.</summary>
internal static partial class ScriptText
{
    public static string Read(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scripts", fileName));

    /// <summary>The body of the script's <c>[CmdletBinding()] param(...)</c> block; fails the test when there is none.</summary>
    public static string ParamBlock(string script)
    {
        var param = Regex.Match(script, @"\[CmdletBinding\(\)\]\s*param\((.*?)\n\)", RegexOptions.Singleline);
        Assert.True(param.Success, "a [CmdletBinding()] param(...) block");
        return param.Groups[1].Value;
    }

    /// <summary>The script without comments and string contents, so that only code is searched.</summary>
    public static string Code(string script) => StringLiteral().Replace(LineComment().Replace(BlockComment().Replace(script, ""), ""), "''");

    /// <summary>Windows PowerShell 5.1, which every server has, lacks these PowerShell 7 forms.</summary>
    public static TheoryData<string, string> PowerShell7Only => new()
    {
        { @"\?\?", "null-coalescing ??" },
        { @"\?\.|\?\[", "null-conditional ?. or ?[" },
        { @"\s\?\s[^:]+\s:\s", "ternary a ? b : c" },
        { @"&&|\|\|", "pipeline chain && or ||" },
        { @"-Parallel\b", "ForEach-Object -Parallel" },
        { @"-AsArray\b|-EnumsAsStrings\b", "ConvertTo-Json -AsArray or -EnumsAsStrings" },
        { @"-SkipCertificateCheck|-SslProtocol|-AsHashtable|-StatusCodeVariable|\bJoin-String\b|\bGet-Error\b|\$PSStyle", "a PowerShell 7 parameter or cmdlet" },
        { @"(?m)^\s*using\s+namespace|#requires\s+-version\s+[67]", "using namespace or #requires 6/7" },
    };

    [GeneratedRegex(@"<#.*?#>", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"(?m)#.*$")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex StringLiteral();
}
