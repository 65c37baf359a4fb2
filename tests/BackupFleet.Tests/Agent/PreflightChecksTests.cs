using BackupFleet.Agent.Jobs;
using BackupFleet.Shared.Runs;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

public sealed class PreflightChecksTests
{
    private static readonly BackupSpec Good = new(@"\\nas01\backups\HV01.vhdx", "B:", true, true, ["C:"], 60, 120);

    private static IReadOnlyList<string> Check(BackupSpec spec) => PreflightChecks.Check(spec, FastHealthy().Inventory);

    [Fact]
    public void A_good_policy_passes() => Assert.Empty(Check(Good));

    [Theory]
    [InlineData(@"D:\backups\HV01.vhdx", "is not a UNC path")]
    [InlineData(@"\\nas01\HV01.vhdx", "is not a UNC path")]
    [InlineData(@"\\nas01\backups\HV01.vhd", "is not a .vhdx file")]
    public void The_target_must_be_a_vhdx_on_a_share(string path, string problem)
    {
        Assert.Contains(problem, Assert.Single(Check(Good with { TargetVhdxPath = path })));
    }

    [Fact]
    public void The_target_letter_must_be_free_on_the_host()
    {
        Assert.StartsWith("D: is already used by this host's volume 'VMs' (NTFS)", Assert.Single(Check(Good with { TargetDriveLetter = "d" })));
    }

    [Fact]
    public void Included_volumes_must_exist_and_differ_from_the_target()
    {
        var problems = Check(Good with { IncludeVolumes = ["C:", "Q:", "B:"] });

        Assert.Equal(["The included volume Q: does not exist on this host.", "B: is where the backup target is mounted; it cannot also be backed up."], problems);
    }

    [Fact]
    public void Something_must_be_backed_up()
    {
        Assert.StartsWith("Nothing to back up", Assert.Single(Check(Good with { AllCritical = false, SystemState = false, IncludeVolumes = [] })));
    }
}
