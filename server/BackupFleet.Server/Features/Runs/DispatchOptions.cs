namespace BackupFleet.Server.Features.Runs;

/// <summary>
/// How many backups may write to one NAS at a time (settings section "Dispatch"): a weak NAS takes one host at a time,
/// and the others wait their turn in the order they were queued. A NAS is the server named in the target paths.
/// </summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>For every NAS not named in <see cref="Nas"/>; 0 for no limit.</summary>
    public int BackupsPerNas { get; set; }

    /// <summary>Per NAS by its name in the target paths, e.g. "Dispatch:Nas:nas01" = 1; 0 for no limit.</summary>
    public Dictionary<string, int> Nas { get; set; } = [];

    /// <summary>The most backups <paramref name="server"/> takes at once; 0: no limit.</summary>
    public int LimitFor(string? server) =>
        server is null ? 0 : Nas.FirstOrDefault(n => string.Equals(n.Key, server, StringComparison.OrdinalIgnoreCase)) is { Key: not null } named
            ? named.Value : BackupsPerNas;

    public bool IsValid() => BackupsPerNas >= 0 && Nas.Values.All(v => v >= 0);
}
