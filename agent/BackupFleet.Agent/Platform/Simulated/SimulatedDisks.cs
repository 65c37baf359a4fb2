using BackupFleet.Shared.Paths;
using BackupFleet.Agent.Wbadmin;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>
/// Virtual disks kept in memory: a mounted VHDX's volume comes online MountSeconds later at the asked letter, and the
/// disk stays in use until ReleaseSeconds after wbadmin ends, as WSB holds it for a while on a real host (KNOWLEDGE.md §2).
/// With <paramref name="attachedFile"/> what is attached is also written to disk, so that, as on Windows, a VHDX stays
/// attached when the agent's process is killed, and the next start finds it.
/// </summary>
public sealed class SimulatedDisks : IVirtualDisks
{
    private readonly object _gate = new();
    private readonly Dictionary<string, AttachedDisk> _attached = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _history = [];
    private readonly SimulationSettings _settings;
    private readonly TimeProvider _time;
    private readonly string? _attachedFile;

    public SimulatedDisks(SimulationSettings settings, TimeProvider time, string? attachedFile = null)
    {
        (_settings, _time, _attachedFile) = (settings, time, attachedFile);
        if (attachedFile is not null && File.Exists(attachedFile))
            foreach (var parts in File.ReadAllLines(attachedFile).Select(l => l.Split('\t', 2)).Where(p => p.Length == 2))
                _attached[parts[0]] = new AttachedDisk(parts[1], DateTimeOffset.MinValue);
    }

    /// <summary>One line per attached VHDX: its path and drive letter.</summary>
    private void SaveLocked()
    {
        if (_attachedFile is not null)
            File.WriteAllLines(_attachedFile, _attached.Select(a => $"{a.Key}\t{a.Value.DriveLetter}"));
    }

    private sealed class AttachedDisk(string driveLetter, DateTimeOffset onlineAt)
    {
        public string DriveLetter { get; } = driveLetter;
        public DateTimeOffset OnlineAt { get; } = onlineAt;
        public int Users { get; set; }
        public DateTimeOffset ReleasedAt { get; set; } = DateTimeOffset.MinValue;
    }

    /// <summary>What was done to the disks, e.g. "mount \\nas01\backups\HV01.vhdx", "dismount …", for tests and the demo log.</summary>
    public IReadOnlyList<string> History
    {
        get { lock (_gate) return _history.ToList(); }
    }

    public async Task MountAsync(string vhdxPath, string driveLetter, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_settings.Faults.MountHangs)
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, ct);
        var letter = DriveLetters.Normalise(driveLetter);
        lock (_gate)
        {
            if (_settings.Faults.Mount is { } fault)
            {
                _history.Add("mount-failed " + vhdxPath);
                throw new IOException(fault.Message);
            }
            if (_attached.ContainsKey(vhdxPath))
                throw new IOException($"Mount-VHD: the virtual disk '{vhdxPath}' is already attached.");
            var onlineAt = _settings.Faults.VolumeNeverOnline ? DateTimeOffset.MaxValue : _time.GetUtcNow() + Seconds(_settings.MountSeconds);
            _attached[vhdxPath] = new AttachedDisk(letter, onlineAt);
            SaveLocked();
            _history.Add("mount " + vhdxPath);
        }
    }

    public Task<MountedVolume?> GetVolumeAsync(string vhdxPath, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_attached.TryGetValue(vhdxPath, out var disk))
                return Task.FromResult<MountedVolume?>(null);
            // Until it is online the volume has no letter yet, as when Windows is still bringing the disk up.
            var online = _time.GetUtcNow() >= disk.OnlineAt;
            return Task.FromResult<MountedVolume?>(new MountedVolume(online ? disk.DriveLetter : null, online));
        }
    }

    public Task<bool> IsInUseAsync(string vhdxPath, CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult(_attached.TryGetValue(vhdxPath, out var disk) && (disk.Users > 0 || _time.GetUtcNow() < disk.ReleasedAt));
    }

    public Task<bool> IsMountedAsync(string vhdxPath, CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult(_attached.ContainsKey(vhdxPath));
    }

    public Task DismountAsync(string vhdxPath, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_attached.Remove(vhdxPath))
                throw new IOException($"Dismount-VHD: the virtual disk '{vhdxPath}' is not attached.");
            SaveLocked();
            _history.Add("dismount " + vhdxPath);
        }
        return Task.CompletedTask;
    }

    /// <summary>wbadmin starts writing to the volume at <paramref name="driveLetter"/>; null when no online volume is there.</summary>
    internal string? BeginBackup(string driveLetter)
    {
        lock (_gate)
        {
            if (OnlineAtLocked(driveLetter) is not { } path)
                return null;
            _attached[path].Users++;
            return path;
        }
    }

    /// <summary>The VHDX whose volume is online at <paramref name="driveLetter"/>, or null.</summary>
    internal string? OnlineAt(string driveLetter)
    {
        lock (_gate)
            return OnlineAtLocked(driveLetter);
    }

    private string? OnlineAtLocked(string driveLetter)
    {
        var now = _time.GetUtcNow();
        return _attached.FirstOrDefault(d => string.Equals(d.Value.DriveLetter, driveLetter, StringComparison.OrdinalIgnoreCase) && now >= d.Value.OnlineAt).Key;
    }

    internal void EndBackup(string vhdxPath)
    {
        lock (_gate)
        {
            if (!_attached.TryGetValue(vhdxPath, out var disk))
                return;
            disk.Users--;
            disk.ReleasedAt = _time.GetUtcNow() + Seconds(_settings.ReleaseSeconds);
        }
    }

    internal static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);
}
