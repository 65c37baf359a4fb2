using System.Text.Json;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Agent.Jobs;

/// <summary>
/// last-job.json in the state directory: the spec of the last job this agent started. After a crash it is how the agent
/// knows which VHDX a run may have left attached (KNOWLEDGE.md §2), and the Windows inventory names it as the target.
/// </summary>
public sealed class LastJobFile(string stateDirectory)
{
    public const string FileName = "last-job.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = System.IO.Path.Combine(stateDirectory, FileName);

    /// <summary>Replaces the file in one step, so a crash mid-write leaves the previous spec, not half a file.</summary>
    public void Save(BackupSpec spec)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = Path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(spec, Json));
        File.Move(temp, Path, overwrite: true);
    }

    /// <summary>The last job's target VHDX, or null when there is none or the file cannot be read (the inventory then has no target).</summary>
    public string? TryTargetPath()
    {
        try
        {
            return Load()?.TargetVhdxPath;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The last job's spec, or null when no job has run here yet.</summary>
    /// <exception cref="JsonException">The file is damaged.</exception>
    public BackupSpec? Load() =>
        File.Exists(Path) ? JsonSerializer.Deserialize<BackupSpec>(File.ReadAllText(Path), Json) : null;
}
