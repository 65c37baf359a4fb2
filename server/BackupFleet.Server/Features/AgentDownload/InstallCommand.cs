namespace BackupFleet.Server.Features.AgentDownload;

/// <summary>The one line an administrator pastes into an elevated Windows PowerShell 5.1 to install and enroll an agent.</summary>
public static class InstallCommand
{
    public static string For(Uri server, string token)
    {
        var root = server.GetLeftPart(UriPartial.Authority);
        // TLS 1.2 (3072) must be switched on by hand in Windows PowerShell 5.1 before the first download.
        return "[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor 3072; "
            + $"iex \"& {{ $(irm '{Quote(root)}/agent/install.ps1' -UseBasicParsing) }} -Server '{Quote(root)}' -Token '{Quote(token)}'\"";
    }

    /// <summary>Single-quoted PowerShell literal content: a quote is doubled.</summary>
    private static string Quote(string value) => value.Replace("'", "''");
}
