using BackupFleet.Shared.Checks;

namespace BackupFleet.Tests.Checks;

/// <summary>The fleet rules over the facts the server gives: one VHDX per host, runs that fit their interval, the RPO.</summary>
public sealed class FleetChecksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static FleetHostFacts Host(string name, string? target = null, TimeSpan? interval = null, TimeSpan[]? durations = null,
        DateTimeOffset? lastSuccess = null, TimeSpan? rpo = null, DateTimeOffset? enrolled = null) =>
        new(Guid.NewGuid(), name, target ?? $@"\\nas01\backups\{name}.vhdx", interval, durations ?? [], lastSuccess, rpo, enrolled);

    private static Finding Only(IReadOnlyList<FleetFinding> findings, FleetHostFacts host) =>
        Assert.Single(findings, f => f.HostId == host.HostId).Finding;

    [Fact]
    public void Each_host_on_a_vhdx_that_another_host_uses_is_an_error_naming_the_others()
    {
        var hv01 = Host("HV01", @"\\nas01\backups\shared.vhdx");
        var hv02 = Host("HV02", @"\\NAS01\Backups\Shared.VHDX");
        var hv03 = Host("HV03", @"\\nas01\backups\shared.vhdx\");
        var hv04 = Host("HV04");

        var findings = FleetChecks.Run([hv01, hv02, hv03, hv04], Now);

        var finding = Only(findings, hv02);
        Assert.Equal((CheckIds.TargetSharedByHosts, FindingSeverity.Error, @"\\NAS01\Backups\Shared.VHDX"), (finding.Check, finding.Severity, finding.Subject));
        Assert.StartsWith(@"HV02 backs up to \\NAS01\Backups\Shared.VHDX, which 'HV01' and 'HV03' also back up to.", finding.Message);
        Assert.Equal(
            [@"& ""$env:ProgramFiles\BackupFleet\Agent\BackupFleet.Agent.exe"" provision-target --vhdx '\\NAS01\Backups\HV02.vhdx' --size 4TB"],
            finding.Commands());
        Assert.Contains("which 'HV02' and 'HV03' also back up to", Only(findings, hv01).Message);
        Assert.DoesNotContain(findings, f => f.HostId == hv04.HostId);
    }

    [Fact]
    public void The_host_the_shared_vhdx_is_named_after_keeps_it()
    {
        var owner = Host("HV01");
        var other = Host("HV02", @"\\nas01\backups\HV01.vhdx");

        var findings = FleetChecks.Run([owner, other], Now);

        Assert.Equal(@"# HV01 keeps \\nas01\backups\HV01.vhdx, which is named after it; give 'HV02' a VHDX of their own.", Only(findings, owner).Fix);
        Assert.EndsWith(@"--vhdx '\\nas01\backups\HV02.vhdx' --size 4TB", Only(findings, other).Fix);
    }

    [Fact]
    public void Hosts_writing_to_the_same_share_folder_or_without_a_target_are_no_finding()
    {
        // WSB writes each host into WindowsImageBackup\<host> of a share folder.
        Assert.Empty(FleetChecks.Run([Host("HV01", @"\\nas01\wsb"), Host("HV02", @"\\nas01\wsb"), Host("HV03", "") with { TargetPath = null }], Now));
    }

    [Fact]
    public void Backups_that_take_most_of_the_interval_are_a_warning_saying_how_long_against_how_often()
    {
        var host = Host("HV-SLOW02", interval: Day, durations: [TimeSpan.FromHours(23.05), TimeSpan.FromHours(20), TimeSpan.FromHours(3)]);

        var finding = Only(FleetChecks.Run([host], Now), host);

        Assert.Equal((CheckIds.BackupWindowOverrun, FindingSeverity.Warning, "HV-SLOW02"), (finding.Check, finding.Severity, finding.Subject));
        Assert.StartsWith("HV-SLOW02's last 3 backups took 20 h as a rule (the longest 23 h 03 min): 83.3 % of the 24 h between its scheduled runs.", finding.Message);
    }

    [Theory]
    [InlineData(19.2)] // 80 %: the limit itself is fine
    [InlineData(2)]
    public void Backups_within_80_percent_of_the_interval_are_no_finding(double hours)
    {
        Assert.Empty(FleetChecks.Run([Host("HV01", interval: Day, durations: [TimeSpan.FromHours(hours)])], Now));
    }

    [Fact]
    public void One_slow_run_among_quick_ones_is_no_overrun_and_no_schedule_means_no_window()
    {
        Assert.Empty(FleetChecks.Run([Host("HV01", interval: Day, durations: [TimeSpan.FromHours(23), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(25)])], Now));
        Assert.Empty(FleetChecks.Run([Host("HV02", durations: [TimeSpan.FromHours(30)])], Now));
    }

    [Fact]
    public void A_last_good_backup_older_than_the_rpo_is_an_error()
    {
        var host = Host("HV01", lastSuccess: Now - TimeSpan.FromHours(30), rpo: Day);

        var finding = Only(FleetChecks.Run([host], Now), host);

        Assert.Equal((CheckIds.RpoBreached, FindingSeverity.Error, "HV01"), (finding.Check, finding.Severity, finding.Subject));
        Assert.StartsWith("HV01's last successful backup finished at 2026-11-19 06:00 +00:00; its policy allows 24 h.", finding.Message);
    }

    [Fact]
    public void No_good_backup_since_enrollment_longer_ago_than_the_rpo_is_an_error()
    {
        var host = Host("HV02", rpo: Day, enrolled: Now - TimeSpan.FromDays(3));

        var finding = Only(FleetChecks.Run([host], Now), host);

        Assert.Equal(CheckIds.RpoBreached, finding.Check);
        Assert.StartsWith("HV02 has had no successful backup since 2026-11-17 12:00 +00:00", finding.Message);
    }

    [Fact]
    public void A_recent_backup_a_recent_enrollment_or_no_rpo_is_no_finding()
    {
        Assert.Empty(FleetChecks.Run(
            [
                Host("HV01", lastSuccess: Now - TimeSpan.FromHours(20), rpo: Day),
                Host("HV02", rpo: Day, enrolled: Now - TimeSpan.FromHours(2)),
                Host("HV03", lastSuccess: Now - TimeSpan.FromDays(30)),
            ],
            Now));
    }

    [Fact]
    public void Findings_come_worst_first_then_by_host_name()
    {
        var slow = Host("A-SLOW", interval: Day, durations: [TimeSpan.FromHours(22)]);
        var late = Host("Z-LATE", lastSuccess: Now - TimeSpan.FromDays(2), rpo: Day);
        var both = Host("B-BOTH", interval: Day, durations: [TimeSpan.FromHours(22)], lastSuccess: Now - TimeSpan.FromDays(2), rpo: Day);

        var findings = FleetChecks.Run([slow, late, both], Now);

        Assert.Equal(
            [("B-BOTH", CheckIds.RpoBreached), ("Z-LATE", CheckIds.RpoBreached), ("A-SLOW", CheckIds.BackupWindowOverrun), ("B-BOTH", CheckIds.BackupWindowOverrun)],
            findings.Select(f => (new[] { slow, late, both }.Single(h => h.HostId == f.HostId).HostName, f.Finding.Check)));
    }
}
