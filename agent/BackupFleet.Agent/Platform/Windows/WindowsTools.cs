namespace BackupFleet.Agent.Platform.Windows;

/// <summary>Where the programs are, by full path: a wbadmin.exe or powershell.exe earlier on PATH must not stand in for them.</summary>
public sealed record WindowsTools(string WbadminPath, string PowerShellPath)
{
    /// <param name="system32">C:\Windows\System32. A 64-bit agent sees the real one, not the 32-bit SysWOW64 redirect.</param>
    /// Joined with "\" rather than Path.Combine, so the paths are Windows paths wherever the tests run.
    public static WindowsTools FromSystemDirectory(string system32) => new(
        system32.TrimEnd('\\') + @"\wbadmin.exe",
        system32.TrimEnd('\\') + @"\WindowsPowerShell\v1.0\powershell.exe");
}
