using System.Text;
using System.Text.Json;

namespace BackupFleet.Shared.Inventory;

/// <summary>
/// Writes a <see cref="HostInventory"/> in the format of shared/reference/inventory.md, which <see cref="InventoryReader"/>
/// reads back: camelCase at the top, the cmdlets' own names inside, enums as their names, sizes in bytes.
/// </summary>
public static class InventoryWriter
{
    public static string Write(HostInventory inventory)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("schema", inventory.Schema);
            w.WriteString("capturedAt", inventory.CapturedAt);
            w.WriteString("computerName", inventory.ComputerName);
            w.WriteString("osCaption", inventory.OsCaption);
            w.WriteString("osVersion", inventory.OsVersion);
            Array(w, "vms", inventory.Vms, (v, vm) =>
            {
                v.WriteString("Name", vm.Name);
                v.WriteString("Id", vm.Id);
                v.WriteString("State", vm.State.ToString());
                v.WriteNumber("Generation", vm.Generation);
                v.WriteString("Path", vm.Path);
                v.WriteString("ConfigurationLocation", vm.ConfigurationLocation);
                v.WriteString("SnapshotFileLocation", vm.SnapshotFileLocation);
            });
            Array(w, "vmHardDiskDrives", inventory.VmHardDiskDrives, (d, drive) =>
            {
                d.WriteString("VMName", drive.VMName);
                d.WriteString("Path", drive.Path);
                d.WriteString("ControllerType", drive.ControllerType.ToString());
                d.WriteNumber("ControllerNumber", drive.ControllerNumber);
                d.WriteNumber("ControllerLocation", drive.ControllerLocation);
                // Only a pass-through disk has one; the format leaves it out for a disk file.
                if (drive.DiskNumber is { } number)
                    d.WriteNumber("DiskNumber", number);
            });
            Array(w, "vhds", inventory.Vhds, (v, vhd) =>
            {
                v.WriteString("Path", vhd.Path);
                v.WriteString("VhdFormat", vhd.VhdFormat.ToString());
                v.WriteString("VhdType", vhd.VhdType.ToString());
                v.WriteNumber("FileSize", vhd.FileSize);
                v.WriteNumber("Size", vhd.Size);
                v.WriteString("ParentPath", vhd.ParentPath);
                if (vhd.Access is null)
                    v.WriteNull("Access");
                else
                {
                    v.WriteStartArray("Access");
                    foreach (var identity in vhd.Access)
                        v.WriteStringValue(identity);
                    v.WriteEndArray();
                }
            });
            Array(w, "volumes", inventory.Volumes, (v, volume) =>
            {
                v.WriteString("DriveLetter", Letter(volume.DriveLetter));
                v.WriteString("FileSystemLabel", volume.FileSystemLabel);
                v.WriteString("FileSystem", volume.FileSystem);
                v.WriteNumber("AllocationUnitSize", volume.AllocationUnitSize);
                v.WriteNumber("Size", volume.Size);
                v.WriteNumber("SizeRemaining", volume.SizeRemaining);
            });
            Array(w, "vmIntegrationServices", inventory.VmIntegrationServices, (s, service) =>
            {
                s.WriteString("VMName", service.VMName);
                s.WriteString("Name", service.Name);
                s.WriteBoolean("Enabled", service.Enabled);
            });
            var t = inventory.BackupTarget;
            w.WriteStartObject("backupTarget");
            w.WriteString("Kind", t.Kind.ToString());
            w.WriteString("Path", t.Path);
            w.WriteString("VhdFormat", t.VhdFormat?.ToString());
            w.WriteString("VhdType", t.VhdType?.ToString());
            NumberOrNull(w, "Size", t.Size);
            w.WriteString("DriveLetter", Letter(t.DriveLetter));
            w.WriteString("FileSystem", t.FileSystem);
            NumberOrNull(w, "AllocationUnitSize", t.AllocationUnitSize);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Array<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            writeFields(w, item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string? Letter(char? letter) => letter?.ToString();

    private static void NumberOrNull(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }
}
