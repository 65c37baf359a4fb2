using System.Reflection;

namespace BackupFleet.Agent;

/// <summary>The agent's version as the server shows it, from the assembly (Directory.Build.props Version).</summary>
public static class AgentVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var version = typeof(AgentVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        // Drop the "+<commit>" suffix the SDK appends; the server keeps the version short.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
