using System.Globalization;

namespace BackupFleet.Bench.Server;

/// <summary>A process's resident memory and CPU time as Linux reports them in /proc.</summary>
public static class ProcessStats
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux build this runs on

    /// <summary>VmRSS in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS.");
    }

    /// <summary>User plus system CPU time so far (fields 14 and 15 of /proc/pid/stat).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The share of one core the process used over <paramref name="window"/>, in percent.</summary>
    public static async Task<double> CpuPercentAsync(int pid, TimeSpan window)
    {
        var before = CpuTime(pid);
        var started = DateTime.UtcNow;
        await Task.Delay(window);
        return 100 * (CpuTime(pid) - before).TotalSeconds / (DateTime.UtcNow - started).TotalSeconds;
    }

    public static int OpenFiles(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;
}
