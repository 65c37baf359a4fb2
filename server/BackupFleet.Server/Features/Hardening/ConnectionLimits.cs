using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BackupFleet.Server.Features.Hardening;

/// <summary>
/// Caps Kestrel's connections at what the process may open files for, less a reserve for the database pools, logs and the
/// files requests read. At the open-files limit the .NET runtime ends the server ("Out of memory.") when a new socket finds
/// no file; capped, Kestrel refuses the connections over the cap and agents come back with their back-off. Any Kestrel limit
/// can be set under Kestrel:Limits (MaxConcurrentConnections, MaxConcurrentUpgradedConnections, ...), and what is set there wins.
/// </summary>
public static class ConnectionLimits
{
    private const string ProcLimits = "/proc/self/limits";

    /// <summary>How many plain HTTP connections (API, pages, negotiations) and upgraded ones (agents' and dashboards' WebSockets) fit in <paramref name="openFiles"/>.</summary>
    public static (long Http, long Upgraded) Split(long openFiles)
    {
        var reserve = Math.Min(1000, openFiles / 4);
        var budget = openFiles - reserve;
        // Kestrel counts a WebSocket apart from plain connections once upgraded: most of the budget is the fleet's sockets.
        var http = Math.Max(1, budget / 10);
        return (http, budget - http);
    }

    /// <summary>The soft "Max open files" of a /proc/pid/limits text; null when unlimited or absent.</summary>
    public static long? OpenFiles(string limits)
    {
        var line = limits.Split('\n').FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>This process's caps, or null where the system has no such limit to read (Windows) or sets none.</summary>
    public static (long Http, long Upgraded)? ForThisProcess() =>
        File.Exists(ProcLimits) && OpenFiles(File.ReadAllText(ProcLimits)) is { } openFiles ? Split(openFiles) : null;

    /// <summary>The limits configured under Kestrel:Limits, then the caps for those of the two not configured.</summary>
    public static void Apply(KestrelServerOptions kestrel, IConfiguration limits, (long Http, long Upgraded)? caps)
    {
        limits.Bind(kestrel.Limits);
        if (caps is not { } c)
            return;
        kestrel.Limits.MaxConcurrentConnections ??= c.Http;
        kestrel.Limits.MaxConcurrentUpgradedConnections ??= c.Upgraded;
    }
}
