using BackupFleet.Shared.DataFiles;

namespace BackupFleet.Shared.Inventory;

/// <summary>Reads the inventory format (shared/reference/inventory.md); a missing or malformed field is an error naming it.</summary>
public static class InventoryReader
{
    // The server refuses longer names in the agent's hello (AgentInput).
    private const int MaxNameLength = 255;
    // Far past a real path, and short enough to stay a finding's subject in the database's index.
    private const int MaxPathLength = 1024;
    // Far past a real Hyper-V host (1,024 running VMs is Hyper-V's own limit); bounds what one snapshot costs to check.
    private const int MaxVms = 4096;
    private const int MaxDisks = 16 * MaxVms;
    private const int MaxVolumes = 1024;

    /// <summary>A whole snapshot document; <paramref name="source"/> names it in errors (a file, "the agent's inventory").</summary>
    /// <exception cref="DataFileException">Not JSON, another schema, or a field missing or wrong; the message names it.</exception>
    public static HostInventory Parse(string json, string source)
    {
        var root = JsonFields.Parse(json, source, out var document);
        using (document)
            return Read(root);
    }

    public static HostInventory Read(JsonFields f)
    {
        var schema = f.RequiredString("schema");
        if (schema != HostInventory.SchemaV1)
            throw f.Error("schema", $"is '{schema}'; BackupFleet reads '{HostInventory.SchemaV1}'.");
        return new HostInventory(
            schema,
            f.RequiredTimestamp("capturedAt"),
            f.RequiredString("computerName", MaxNameLength),
            f.RequiredString("osCaption", MaxNameLength),
            f.RequiredString("osVersion", MaxNameLength),
            f.RequiredArray("vms", ReadVm, MaxVms),
            f.RequiredArray("vmHardDiskDrives", ReadDisk, MaxDisks),
            f.RequiredArray("vhds", ReadVhd, MaxDisks),
            f.RequiredArray("volumes", ReadVolume, MaxVolumes),
            f.RequiredArray("vmIntegrationServices", v => new InventoryIntegrationService(
                v.RequiredString("VMName", MaxNameLength), v.RequiredString("Name", MaxNameLength), v.RequiredBool("Enabled")), 16 * MaxVms),
            ReadTarget(f.RequiredObject("backupTarget")));
    }

    private static InventoryVm ReadVm(JsonFields v) => new(
        v.RequiredString("Name", MaxNameLength), v.RequiredGuid("Id"), v.RequiredEnum<VmState>("State"), v.RequiredInt32("Generation", 1, 2),
        v.RequiredString("Path", MaxPathLength), v.RequiredString("ConfigurationLocation", MaxPathLength), v.OptionalString("SnapshotFileLocation", MaxPathLength));

    private static InventoryVmHardDiskDrive ReadDisk(JsonFields d) => new(
        d.RequiredString("VMName", MaxNameLength), d.RequiredString("Path", MaxPathLength), d.RequiredEnum<ControllerType>("ControllerType"),
        d.RequiredInt32("ControllerNumber", 0), d.RequiredInt32("ControllerLocation", 0), d.OptionalInt32("DiskNumber", 0));

    private static InventoryVhd ReadVhd(JsonFields v) => new(
        v.RequiredString("Path", MaxPathLength), v.RequiredEnum<VhdFormat>("VhdFormat"), v.RequiredEnum<VhdType>("VhdType"),
        v.RequiredInt64("FileSize", 0), v.RequiredInt64("Size", 0), v.OptionalString("ParentPath", MaxPathLength), v.OptionalStringArray("Access"));

    private static InventoryVolume ReadVolume(JsonFields v)
    {
        var size = v.RequiredInt64("Size", 0);
        var remaining = v.RequiredInt64("SizeRemaining", 0);
        if (remaining > size)
            throw v.Error("SizeRemaining", $"({remaining}) is larger than Size ({size}).");
        return new InventoryVolume(
            DriveLetter(v, "DriveLetter"), v.OptionalString("FileSystemLabel", MaxNameLength), v.RequiredString("FileSystem", MaxNameLength),
            v.RequiredInt64("AllocationUnitSize", 0), size, remaining);
    }

    private static InventoryBackupTarget ReadTarget(JsonFields t)
    {
        var kind = t.RequiredEnum<BackupTargetKind>("Kind");
        var path = kind == BackupTargetKind.None ? t.OptionalString("Path", MaxPathLength) : t.RequiredString("Path", MaxPathLength);
        return new InventoryBackupTarget(
            kind, path, t.OptionalEnum<VhdFormat>("VhdFormat"), t.OptionalEnum<VhdType>("VhdType"), t.OptionalInt64("Size", 0),
            DriveLetter(t, "DriveLetter"), t.OptionalString("FileSystem"), t.OptionalInt64("AllocationUnitSize", 0));
    }

    /// <summary>One letter, or none: null, missing, "" and "\u0000" (how PowerShell 5.1 writes "no letter").</summary>
    private static char? DriveLetter(JsonFields f, string field)
    {
        var value = f.OptionalString(field);
        if (value is null or "" or "\0")
            return null;
        var letter = value.TrimEnd(':');
        return letter.Length == 1 && char.IsAsciiLetter(letter[0])
            ? char.ToUpperInvariant(letter[0])
            : throw f.Error(field, $"is '{value}'; expected one letter such as \"D\", or null for none.");
    }
}
