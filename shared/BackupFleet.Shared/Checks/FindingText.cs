using System.Globalization;

namespace BackupFleet.Shared.Checks;

/// <summary>Names, shares and durations written the same way in every message.</summary>
internal static class FindingText
{
    /// <summary>'A', 'A' and 'B', 'A', 'B' and 'C'.</summary>
    public static string Names(IEnumerable<string> names)
    {
        var quoted = names.Select(n => $"'{n}'").ToList();
        return quoted.Count <= 1 ? string.Concat(quoted) : string.Join(", ", quoted[..^1]) + " and " + quoted[^1];
    }

    /// <summary>VM 'A', VMs 'A' and 'B'.</summary>
    public static string Vms(IEnumerable<string> names)
    {
        var list = names.ToList();
        return (list.Count == 1 ? "VM " : "VMs ") + Names(list);
    }

    /// <summary>e.g. 9.5 %.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>e.g. 2026-11-20 02:00 +00:00.</summary>
    public static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    /// <summary>e.g. 45 min, 24 h, 23 h 02 min, 3 days, 3 days 4 h.</summary>
    public static string Duration(TimeSpan t) =>
        t.TotalDays >= 2 ? $"{(int)t.TotalDays} days" + (t.Hours > 0 ? $" {t.Hours} h" : "")
        : t.TotalHours >= 1 ? $"{(int)t.TotalHours} h" + (t.Minutes > 0 ? $" {t.Minutes:00} min" : "")
        : $"{Math.Max(0, (int)t.TotalMinutes)} min";
}
