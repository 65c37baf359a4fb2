using BackupFleet.Shared.DataFiles;
using BackupFleet.Shared.Inventory;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>Reads a scenario file; every error names the file and the field.</summary>
public static class ScenarioLoader
{
    private const double MaxSeconds = 24 * 3600;

    public static Scenario LoadFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The scenario file '{path}' does not exist.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <param name="source">The file name to put in error messages.</param>
    public static Scenario Parse(string json, string source)
    {
        var root = JsonFields.Parse(json, source, out var document);
        using (document)
        {
            var name = root.RequiredString("name", 255);
            if (name.Any(char.IsControl))
                throw root.Error("name", "must not contain control characters.");
            return new Scenario(
                name,
                root.OptionalString("description") ?? "",
                InventoryReader.Read(root.RequiredObject("inventory")),
                ReadSimulation(root.RequiredObject("simulation")));
        }
    }

    private static SimulationSettings ReadSimulation(JsonFields s) => new(
        s.RequiredNumber("mountSeconds", 0, MaxSeconds),
        s.RequiredNumber("releaseSeconds", 0, MaxSeconds),
        s.RequiredNumber("secondsPerVolume", 0, MaxSeconds),
        s.OptionalObject("faults") is { } f ? ReadFaults(f) : SimulationFaults.None);

    private static SimulationFaults ReadFaults(JsonFields f) => new()
    {
        Mount = f.OptionalObject("mount") is { } m ? new MountFault(m.RequiredString("message")) : null,
        VolumeNeverOnline = f.OptionalBool("volumeNeverOnline") ?? false,
        MountHangs = f.OptionalBool("mountHangs") ?? false,
        Backup = f.OptionalObject("backup") is { } b
            ? new BackupFault(
                b.RequiredInt32("atPercent", 0, 100),
                b.RequiredInt32("exitCode"),
                b.OptionalStringArray("output") ?? throw b.Error("output", "is required: the lines wbadmin prints when it fails."))
            : null,
        SnapshotWarnings = f.OptionalStringArray("snapshotWarnings") ?? [],
    };
}
