using BackupFleet.Agent.Wbadmin;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Restore;

namespace BackupFleet.Tests.Restore;

/// <summary>The restore commands for one version of a realistic host, exact to the character.</summary>
public sealed class RestorePlannerTests
{
    private const string Vhdx = @"\\nas01\backups\HV01.vhdx";
    private const string Mount = @"Mount-VHD -Path '\\nas01\backups\HV01.vhdx'";
    private const string Dismount = @"Dismount-VHD -Path '\\nas01\backups\HV01.vhdx'";

    // `wbadmin get versions` of the host, read by the agent's parser as the server receives it.
    private static BackupVersionDto Version(string canRecover) => WbadminVersionsParser.Parse(
    [
        "Backup time: 11/20/2026 3:00 AM",
        "Backup target: Fixed Disk labeled Backup Disk(B:)",
        "Version identifier: 11/20/2026-02:00",
        $"Can recover: {canRecover}",
        "Snapshot ID: {445bf85d-efd2-448b-b33a-f97422f3318a}",
    ]).Single();

    private const string Everything = "Volume(s), File(s), Application(s), Virtual Machine(s), Bare Metal Recovery, System State";

    private static HostInventory Host(params string[] vmNames) => new(
        HostInventory.SchemaV1, DateTimeOffset.Parse("2026-11-20T02:00:00+00:00"), "HV01", "Microsoft Windows Server 2019 Standard", "10.0.17763",
        [.. vmNames.Select(n => new InventoryVm(n, Guid.NewGuid(), VmState.Running, 2, $@"D:\{n}", $@"D:\{n}", $@"D:\{n}"))],
        [], [],
        [
            new InventoryVolume('C', "", "NTFS", 4096, 127_000_000_000, 60_000_000_000),
            new InventoryVolume('D', "VMs", "NTFS", 4096, 1_999_844_134_912, 812_345_671_680),
            new InventoryVolume(null, "Recovery", "NTFS", 4096, 529_000_000, 90_000_000),
            new InventoryVolume('B', "Backup Disk", "NTFS", 65536, 5_827_411_696_435, 2_000_000_000_000),
        ],
        [],
        new InventoryBackupTarget(BackupTargetKind.VhdxOnShare, Vhdx, VhdFormat.VHDX, VhdType.Fixed, 5_827_411_696_435, 'B', "NTFS", 65536));

    private static RestorePlan Plan(string canRecover, HostInventory host, string vhdx = Vhdx) =>
        RestorePlanner.Plan(Version(canRecover), "HV01", vhdx, "b", host);

    private static RestoreProcedure Only(RestorePlan plan, RestoreKind kind) => Assert.Single(plan.Procedures, p => p.Kind == kind);

    [Fact]
    public void Every_restore_mounts_the_vhdx_first_and_dismounts_it_after()
    {
        var plan = Plan(Everything, Host("SQL01"));

        Assert.Equal(["Files and folders", "Volume C:", "Volume D: (VMs)", "System state", "VM 'SQL01'", "The whole host HV01 (bare metal), from recovery media"],
            plan.Procedures.Select(p => p.Title));
        Assert.All(plan.Procedures, p =>
        {
            Assert.Equal(Mount, p.Steps[0].Command);
            Assert.Contains(p.Steps, s => s.Command == Dismount);
        });
        Assert.Equal("wbadmin get items -version:11/20/2026-02:00 -backupTarget:B: -machine:HV01", plan.ListItems.Command);
    }

    [Fact]
    public void The_wbadmin_commands_are_exact()
    {
        var plan = Plan(Everything, Host("SQL01"));

        Assert.Equal(
        [
            "wbadmin start recovery -version:11/20/2026-02:00 -itemType:File -items:<path> -recoveryTarget:<folder> -recursive -backupTarget:B: -machine:HV01",
            "wbadmin start recovery -version:11/20/2026-02:00 -itemType:Volume -items:C: -backupTarget:B: -machine:HV01",
            "wbadmin start recovery -version:11/20/2026-02:00 -itemType:Volume -items:D: -backupTarget:B: -machine:HV01",
            "wbadmin start systemstaterecovery -version:11/20/2026-02:00 -backupTarget:B: -machine:HV01",
            "wbadmin start recovery -version:11/20/2026-02:00 -itemType:HyperV -items:SQL01 -backupTarget:B: -machine:HV01",
        ], plan.Procedures.Where(p => p.Kind != RestoreKind.BareMetal).Select(p => p.Steps[1].Command));
    }

    [Fact]
    public void The_bare_metal_restore_copies_the_set_to_the_short_path_and_types_it_in_the_recovery_environment()
    {
        var steps = Only(Plan(Everything, Host(), @"\\nas01\backups\Servers\2019\HV01.vhdx"), RestoreKind.BareMetal).Steps;

        Assert.Equal(@"Mount-VHD -Path '\\nas01\backups\Servers\2019\HV01.vhdx'", steps[0].Command);
        Assert.Equal(@"robocopy 'B:\WindowsImageBackup\HV01' '\\nas01\backups\WindowsImageBackup\HV01' /E /R:2 /W:5", steps[1].Command);
        Assert.StartsWith(@"Copy the host's backup set to \\nas01\backups\WindowsImageBackup\HV01 (39 characters, at most 110).", steps[1].Instruction);
        Assert.Equal(@"Dismount-VHD -Path '\\nas01\backups\Servers\2019\HV01.vhdx'", steps[2].Command);
        Assert.Contains("Troubleshoot, then System Image Recovery", steps[4].Instruction);
        Assert.Contains("Search for a system image on the network", steps[5].Instruction);
        Assert.StartsWith(@"Type the network folder \\nas01\backups (the wizard then reads \\nas01\backups\WindowsImageBackup\HV01, 39 characters)", steps[6].Instruction);
        Assert.All(steps.Skip(3), s => Assert.Null(s.Command));
    }

    [Theory]
    [InlineData("SQL 01", "-items:'SQL 01'")]
    [InlineData("O'Brien's VM", "-items:'O''Brien''s VM'")]
    [InlineData("$(Remove-Item C:\\) & calc", "-items:'$(Remove-Item C:\\) & calc'")]
    [InlineData("web.prod-01_a", "-items:web.prod-01_a")]
    public void Vm_names_with_spaces_and_quotes_are_one_powershell_argument(string name, string items)
    {
        var vm = Only(Plan("Virtual Machine(s)", Host(name)), RestoreKind.VirtualMachine);

        Assert.Equal($"VM '{name}'", vm.Title);
        Assert.Equal($"wbadmin start recovery -version:11/20/2026-02:00 -itemType:HyperV {items} -backupTarget:B: -machine:HV01", vm.Steps[1].Command);
    }

    [Theory]
    [InlineData("SQL \"01\"")]
    [InlineData("SQL01,SQL02")]
    public void A_vm_name_no_wbadmin_command_line_can_carry_is_sent_to_the_recovery_wizard(string name)
    {
        var vm = Only(Plan("Virtual Machine(s)", Host(name)), RestoreKind.VirtualMachine);

        var step = Assert.Single(vm.Steps);
        Assert.Null(step.Command);
        Assert.Contains("Recovery Wizard (wbadmin.msc", step.Instruction);
    }

    [Fact]
    public void One_procedure_per_vm_of_the_inventory()
    {
        var plan = Plan("Virtual Machine(s)", Host("SQL01", "WEB01", "DC01"));

        Assert.Equal(["VM 'SQL01'", "VM 'WEB01'", "VM 'DC01'"], plan.Procedures.Select(p => p.Title));
    }

    [Fact]
    public void Only_the_kinds_the_version_can_recover_are_planned()
    {
        var plan = Plan("Volume(s), File(s), Application(s)", Host("SQL01"));

        Assert.Equal([RestoreKind.Files, RestoreKind.Volume, RestoreKind.Volume], plan.Procedures.Select(p => p.Kind));
    }

    [Fact]
    public void A_share_whose_root_is_already_too_long_says_how_short_the_share_name_must_be()
    {
        // \\ + 67 + \ + 28 + \WindowsImageBackup\ + 4 = 122 characters: 6 too many for the 28-character share name.
        const string vhdx = @"\\backup-nas-primary-datacenter-west-rack-17.storage.corp.example.com\BackupFilesForAllHyperVHosts\HV01.vhdx";

        var bareMetal = Only(Plan("Bare Metal Recovery", Host(), vhdx), RestoreKind.BareMetal);

        var step = Assert.Single(bareMetal.Steps);
        Assert.Null(step.Command);
        Assert.Equal(@"Even the shortest path on this share, \\backup-nas-primary-datacenter-west-rack-17.storage.corp.example.com\BackupFilesForAllHyperVHosts\WindowsImageBackup\HV01, "
            + "is 122 characters; the recovery environment reads a backup set from the network only when the path to it is at most 110. "
            + @"Make a share on backup-nas-primary-datacenter-west-rack-17.storage.corp.example.com whose name has at most 16 characters, "
            + @"copy the backup set to WindowsImageBackup\HV01 in it and restore from that share.", step.Instruction);
    }

    [Fact]
    public void A_server_name_too_long_for_any_share_name_says_to_type_the_address_instead()
    {
        var server = new string('n', 90);

        var step = Assert.Single(Only(Plan("Bare Metal Recovery", Host(), $@"\\{server}\b\HV01.vhdx"), RestoreKind.BareMetal).Steps);

        Assert.EndsWith($"Even a one-letter share name is too long with the server name '{server}': type the NAS's IP address or a shorter name for it instead.",
            step.Instruction);
    }

    [Fact]
    public void A_set_that_wsb_already_writes_at_the_root_of_the_share_is_not_copied()
    {
        var steps = BareMetalRestore.Steps(@"\\nas01\backups", "B:", "HV01");

        Assert.StartsWith("Start the host from Windows Server installation media", steps[0].Instruction);
        Assert.DoesNotContain(steps, s => s.Command is not null);
    }

    [Theory]
    [InlineData(@"D:\Backups\HV01.vhdx")]
    [InlineData(@"\\nas01")]
    public void A_target_that_is_not_a_file_on_a_share_is_refused(string vhdx) =>
        Assert.Throws<ArgumentException>(() => Plan(Everything, Host(), vhdx));
}
