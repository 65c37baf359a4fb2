using System.Text.Json.Nodes;
using BackupFleet.Shared.DataFiles;
using BackupFleet.Shared.Inventory;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

/// <summary>The inventory as the agent sends it: exactly the format of shared/reference/inventory.md, read back by the reader.</summary>
public sealed class InventoryWriterTests
{
    private static HostInventory Read(string json)
    {
        var root = JsonFields.Parse(json, "test", out var document);
        using (document)
            return InventoryReader.Read(root);
    }

    [Fact]
    public void The_reference_example_is_written_back_exactly()
    {
        // inventory-reference.json is the example of inventory.md, copied verbatim.
        var reference = Fixture("inventory-reference.json");

        var written = InventoryWriter.Write(Read(reference));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(reference), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void A_scenario_inventory_round_trips_through_the_reader()
    {
        var inventory = FastHealthy().Inventory;

        var written = InventoryWriter.Write(inventory);
        var back = Read(written);

        Assert.Equal(written, InventoryWriter.Write(back));
        Assert.Equal(inventory.ComputerName, back.ComputerName);
        Assert.Equal(inventory.CapturedAt, back.CapturedAt);
        Assert.Equal(inventory.Volumes, back.Volumes);
        Assert.Equal(inventory.BackupTarget, back.BackupTarget);
    }

    [Fact]
    public void A_pass_through_disk_a_volume_without_letter_and_an_unmounted_target_are_written_as_the_format_says()
    {
        var inventory = FastHealthy().Inventory with
        {
            VmHardDiskDrives = [new InventoryVmHardDiskDrive("SQL01", "Disk 2 2.00 TB Bus 0 Lun 0 Target 1", ControllerType.SCSI, 0, 2, 2)],
            Volumes = [new InventoryVolume(null, "SYSTEM", "FAT32", 4096, 104857600, 71303168)],
            BackupTarget = new InventoryBackupTarget(BackupTargetKind.VhdxOnShare, @"\\nas01\backups\HV01.vhdx", VhdFormat.VHDX, VhdType.Fixed, 4398046511104, null, null, null),
        };

        var json = JsonNode.Parse(InventoryWriter.Write(inventory))!;

        Assert.Equal(2, json["vmHardDiskDrives"]![0]!["DiskNumber"]!.GetValue<int>());
        Assert.Null(json["volumes"]![0]!["DriveLetter"]);
        Assert.Null(json["backupTarget"]!["FileSystem"]);
        Assert.Equal("VhdxOnShare", json["backupTarget"]!["Kind"]!.GetValue<string>());
        Assert.Equal(inventory.BackupTarget, Read(json.ToJsonString()).BackupTarget);
    }
}
