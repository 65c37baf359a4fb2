namespace BackupFleet.Shared.Knowledge;

/// <summary>
/// Where the non-HRESULT codes of the catalogue come from, each keyed "source/number". A person may type the short name
/// ("Backup/517"); the catalogue keeps the provider's full name.
/// </summary>
public static class EventSources
{
    /// <summary>Windows Server Backup's events (windows-outputs.md §4), in the Microsoft-Windows-Backup log.</summary>
    public const string Backup = "Microsoft-Windows-Backup";

    /// <summary>Hyper-V's management service, whose checkpoint and merge errors go to the Hyper-V-VMMS Admin log.</summary>
    public const string HyperVVmms = "Microsoft-Windows-Hyper-V-VMMS";

    /// <summary>The Volume Shadow Copy service, which writes to the Application log under the source name "VSS".</summary>
    public const string Vss = "VSS";

    /// <summary>Not an event source: the return values of Hyper-V's WMI methods and jobs ("Error code: '32768'").</summary>
    public const string HyperVJob = "Hyper-V";

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        [Backup] = Backup,
        ["Backup"] = Backup,
        [HyperVVmms] = HyperVVmms,
        ["Hyper-V-VMMS"] = HyperVVmms,
        ["VMMS"] = HyperVVmms,
        [Vss] = Vss,
        [HyperVJob] = HyperVJob,
        ["HyperV"] = HyperVJob,
    };

    /// <summary>The full name for a name a person typed; null when it is no source the catalogue knows.</summary>
    public static string? Canonical(string name) => Names.GetValueOrDefault(name.Trim());

    /// <summary>The event log a source writes to; null for Hyper-V job results, which are no events.</summary>
    public static string? LogOf(string source) => source switch
    {
        Backup => "Microsoft-Windows-Backup",
        HyperVVmms => "Microsoft-Windows-Hyper-V-VMMS-Admin",
        Vss => "Application",
        _ => null,
    };
}
