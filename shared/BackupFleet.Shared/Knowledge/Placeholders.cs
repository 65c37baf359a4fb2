using BackupFleet.Shared.Paths;
using BackupFleet.Shared.PowerShell;

namespace BackupFleet.Shared.Knowledge;

/// <summary>
/// The names the catalogue's commands leave open. The decoder fills in those the context knows; a person fills in the rest.
/// Filled values are PowerShell literals where the command takes a path or a name with spaces.
/// </summary>
public static class Placeholders
{
    /// <summary>The policy's backup target (the VHDX on the share).</summary>
    public const string Target = "<target>";

    /// <summary>The server part of the target's UNC path (the NAS).</summary>
    public const string Server = "<server>";

    /// <summary>The host's computer name, as WSB records it with -machine.</summary>
    public const string Computer = "<computer>";

    public const string VmName = "<VM name>";

    /// <summary>The letter the target VHDX's volume gets when mounted.</summary>
    public const string Drive = "<drive>:";

    public static string Fill(string text, string? targetPath, string? computerName, string? vmName = null)
    {
        if (targetPath is not null)
            text = text.Replace(Target, PowerShellLiteral.Quote(targetPath), StringComparison.Ordinal);
        if (UncPaths.Server(targetPath) is { } server)
            text = text.Replace(Server, server, StringComparison.Ordinal);
        if (computerName is not null)
            text = text.Replace(Computer, computerName, StringComparison.Ordinal);
        if (vmName is not null)
            text = text.Replace(VmName, PowerShellLiteral.Quote(vmName), StringComparison.Ordinal);
        return text;
    }
}
