using BackupFleet.Shared.Checks;
using BackupFleet.Shared.Inventory;

namespace BackupFleet.Tests.Checks;

/// <summary>vm-backup-integration-disabled (KNOWLEDGE.md §3, cause 5) under both of the service's names.</summary>
public sealed class IntegrationServiceRulesTests
{
    [Fact]
    public void A_running_vm_with_vss_off_is_a_warning_with_the_command_that_enables_it()
    {
        var finding = Assert.Single(TestInventories.Findings("hazards.json").Of(CheckIds.VmBackupIntegrationDisabled));

        Assert.Equal((FindingSeverity.Warning, "LAB-WEB"), (finding.Severity, finding.Subject));
        Assert.Equal(["Enable-VMIntegrationService -VMName 'LAB-WEB' -Name 'VSS'"], finding.Commands());
    }

    [Fact]
    public void The_windows_server_2012_r2_name_is_recognised_and_used_in_the_fix()
    {
        var inventory = TestInventories.Load("two-volume-host.json");
        inventory = inventory with
        {
            VmIntegrationServices = inventory.VmIntegrationServices
                .Select(s => s is { VMName: "APPSRV01", Name: "Backup (volume shadow copy)" } ? s with { Enabled = false } : s).ToList(),
        };

        var finding = Assert.Single(HostChecks.Run(inventory).Of(CheckIds.VmBackupIntegrationDisabled));

        Assert.Equal("APPSRV01", finding.Subject);
        Assert.Equal(["Enable-VMIntegrationService -VMName 'APPSRV01' -Name 'Backup (volume shadow copy)'"], finding.Commands());
    }

    [Fact]
    public void Hostile_names_are_quoted_in_the_fix()
    {
        var finding = Assert.Single(TestInventories.Findings("hostile-names.json").Of(CheckIds.VmBackupIntegrationDisabled));

        Assert.Equal(["Enable-VMIntegrationService -VMName 'Büro \u2018\u2018Nord\u2019\u2019 01' -Name 'VSS'"], finding.Commands());
    }

    [Theory]
    [InlineData("two-volume-host.json")] // MGMT01 is off with the service off; Guest Service Interface is off everywhere
    [InlineData("clean-host.json")]      // LAB02 likewise, under the name VSS
    public void A_stopped_vm_or_another_service_that_is_off_is_no_finding(string file)
    {
        var inventory = TestInventories.Load(file);
        Assert.Contains(inventory.VmIntegrationServices, s => !s.Enabled && s.Name != "Guest Service Interface"
            && inventory.Vms.Single(vm => vm.Name == s.VMName).State != VmState.Running);

        Assert.Empty(HostChecks.Run(inventory).Of(CheckIds.VmBackupIntegrationDisabled));
    }
}
