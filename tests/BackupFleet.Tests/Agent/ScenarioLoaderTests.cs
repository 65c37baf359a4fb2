using System.Text.Json.Nodes;
using BackupFleet.Shared.DataFiles;
using BackupFleet.Shared.Inventory;
using BackupFleet.Agent.Platform.Simulated;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

public sealed class ScenarioLoaderTests
{
    /// <summary>The fast healthy scenario with one change applied to its JSON.</summary>
    private static DataFileException LoadBroken(Action<JsonObject> breakIt)
    {
        var json = JsonNode.Parse(File.ReadAllText(ScenarioPath("fast-healthy.json")))!.AsObject();
        breakIt(json);
        return Assert.Throws<DataFileException>(() => ScenarioLoader.Parse(json.ToJsonString(), "broken.json"));
    }

    [Fact]
    public void A_missing_timing_is_named()
    {
        var error = LoadBroken(j => j["simulation"]!.AsObject().Remove("mountSeconds"));

        Assert.Equal("simulation.mountSeconds", error.Field);
        Assert.StartsWith("broken.json: simulation.mountSeconds is required", error.Message);
    }

    [Fact]
    public void A_fault_percentage_out_of_range_is_named_with_the_range()
    {
        var error = LoadBroken(j => j["simulation"]!["faults"] = new JsonObject
        {
            ["backup"] = new JsonObject { ["atPercent"] = 140, ["exitCode"] = 1, ["output"] = new JsonArray() },
        });

        Assert.Equal("simulation.faults.backup.atPercent", error.Field);
        Assert.Contains("from 0 to 100, not the number 140", error.Message);
    }

    [Fact]
    public void A_wrong_enum_name_in_the_inventory_is_named_with_the_allowed_names()
    {
        var error = LoadBroken(j => j["inventory"]!["vms"]![0]!["State"] = "Runing");

        Assert.Equal("inventory.vms[0].State", error.Field);
        Assert.Contains("'Runing'; expected one of Running, Off, Saved, Paused, Starting, Stopping, Saving, Other", error.Message);
    }

    [Fact]
    public void A_missing_required_inventory_property_is_named()
    {
        var error = LoadBroken(j => j["inventory"]!["volumes"]![1]!.AsObject().Remove("FileSystem"));

        Assert.Equal("inventory.volumes[1].FileSystem", error.Field);
    }

    [Fact]
    public void A_number_where_a_string_belongs_is_named()
    {
        var error = LoadBroken(j => j["name"] = 7);

        Assert.Equal("name", error.Field);
        Assert.Contains("must be a string, not the number 7", error.Message);
    }

    [Fact]
    public void An_unknown_inventory_schema_is_refused()
    {
        var error = LoadBroken(j => j["inventory"]!["schema"] = "backupfleet.inventory/9");

        Assert.Equal("inventory.schema", error.Field);
    }

    [Fact]
    public void Invalid_json_is_reported_with_its_line()
    {
        var error = Assert.Throws<DataFileException>(() => ScenarioLoader.Parse("{\n  \"name\": \"x\",\n  oops\n}", "bad.json"));

        Assert.Equal("(document)", error.Field);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void A_missing_file_says_so()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SimulatedPlatform.Load("/nonexistent/scenario.json"));

        Assert.Contains("/nonexistent/scenario.json", error.Message);
    }

    [Fact]
    public void Unknown_extra_properties_are_ignored_and_optional_ones_default()
    {
        var scenario = FastHealthy();

        Assert.Equal("fast-healthy", scenario.Name);
        Assert.Null(scenario.Inventory.Volumes[0].DriveLetter);
        Assert.Equal('C', scenario.Inventory.Volumes[1].DriveLetter);
        Assert.Equal(0.05, scenario.Simulation.MountSeconds);
        Assert.Equal(SimulationFaults.None, scenario.Simulation.Faults);
        Assert.Equal(BackupTargetKind.VhdxOnShare, scenario.Inventory.BackupTarget.Kind);
    }

    [Theory]
    [InlineData("healthy-hyperv", "HV-HEALTHY01")]
    [InlineData("slow-nas", "HV-SLOW02")]
    [InlineData("failing-wsb", "HV-FAIL03")]
    [InlineData("split-storage", "HV-SPLIT04")]
    public void The_shipped_scenarios_load(string name, string computerName)
    {
        var platform = SimulatedPlatform.Load(Path.Combine(RepositoryScenariosFolder(), name + ".json"));

        Assert.Equal(name, platform.ScenarioName);
        Assert.Equal(computerName, platform.ComputerName);
        Assert.True(platform.IsSimulated);
        Assert.EndsWith("(simulated)", platform.OsDescription);
        Assert.Matches(@"^\\\\[a-z0-9]+\\[a-z]+\\" + computerName + @"\.vhdx$", platform.Scenario.Inventory.BackupTarget.Path);
    }

    [Fact]
    public void The_split_storage_scenario_has_a_vm_disk_at_the_root_of_a_volume()
    {
        var scenario = SimulatedPlatform.Load(Path.Combine(RepositoryScenariosFolder(), "split-storage.json")).Scenario;

        Assert.Contains(scenario.Inventory.VmHardDiskDrives, d => d.Path == @"D:\my-virtual-server-d-drive.vhdx");
        Assert.Contains(scenario.Simulation.Faults.SnapshotWarnings, w => w.StartsWith("The component APPSRV01(Online) was skipped", StringComparison.Ordinal));
    }
}
