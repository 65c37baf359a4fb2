using BackupFleet.Agent.Wbadmin;
using BackupFleet.Shared.Runs;

namespace BackupFleet.Tests.Agent;

public sealed class WbadminCommandTests
{
    private static BackupSpec Spec(bool allCritical, bool systemState, params string[] include) =>
        new(@"\\nas01\backups\HV01.vhdx", "B:", allCritical, systemState, include, 60, 120);

    [Fact]
    public void The_field_report_policy_gives_the_field_report_command_line()
    {
        var args = WbadminCommand.Build(Spec(allCritical: true, systemState: true, "C:"));

        Assert.Equal("start backup -backupTarget:B: -allCritical -include:C: -systemState -vssFull -quiet", string.Join(' ', args));
    }

    [Fact]
    public void Several_volumes_are_one_comma_separated_include()
    {
        var args = WbadminCommand.Build(Spec(allCritical: false, systemState: false, "C:", "d", "E:\\"));

        Assert.Equal(["start", "backup", "-backupTarget:B:", "-include:C:,D:,E:", "-vssFull", "-quiet"], args);
    }

    [Fact]
    public void Parts_the_spec_does_not_ask_for_are_left_out()
    {
        Assert.Equal("start backup -backupTarget:B: -allCritical -vssFull -quiet", string.Join(' ', WbadminCommand.Build(Spec(true, false))));
        Assert.Equal("start backup -backupTarget:B: -systemState -vssFull -quiet", string.Join(' ', WbadminCommand.Build(Spec(false, true))));
    }

    [Fact]
    public void Drive_letters_are_normalised_and_repeats_dropped()
    {
        var spec = Spec(false, false, "c:", "C") with { TargetDriveLetter = "x" };

        Assert.Equal("wbadmin start backup -backupTarget:X: -include:C: -vssFull -quiet", WbadminCommand.Display(WbadminCommand.Build(spec)));
    }

    [Fact]
    public void A_volume_that_is_not_a_drive_letter_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WbadminCommand.Build(Spec(false, false, "C:,D:")));
    }
}
