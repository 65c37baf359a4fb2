using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace BackupFleet.Agent.Platform.Windows.PowerShell;

/// <summary>
/// powershell.exe started with -EncodedCommand may write its error stream as CLIXML ("#&lt; CLIXML" then &lt;Objs&gt;) instead of
/// text; seen by Ansible and others, not in shared/reference (unverified here). Our scripts avoid it, but an error PowerShell
/// raises before the script runs (a parse error) could still come this way, so stderr is decoded when it has that form.
/// </summary>
public static partial class CliXmlErrors
{
    private const string Marker = "#< CLIXML";

    // CLIXML escapes control characters as _xHHHH_, e.g. _x000D__x000A_ for a line end.
    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();

    /// <summary>The error text in <paramref name="stderr"/>: the messages of a CLIXML block, or the lines as they are.</summary>
    public static string Text(IReadOnlyList<string> stderr)
    {
        var joined = string.Join('\n', stderr).Trim();
        if (!joined.StartsWith(Marker, StringComparison.Ordinal))
            return joined;
        try
        {
            var xml = XElement.Parse(joined[Marker.Length..].Trim());
            var messages = xml.Descendants().Where(e => e.Name.LocalName == "S" && (string?)e.Attribute("S") == "Error").Select(e => Unescape(e.Value));
            return string.Concat(messages).Trim();
        }
        catch (System.Xml.XmlException)
        {
            return joined; // not the XML we expected: show it raw rather than nothing
        }
    }

    private static string Unescape(string value) =>
        Escaped().Replace(value, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
}
