using BackupFleet.Agent.Wbadmin;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

/// <summary>`wbadmin get versions` as recorded (windows-outputs.md §2): records of "Key: value" lines.</summary>
public sealed class WbadminVersionsParserTests
{
    [Fact]
    public void Versions_on_a_disk_target_are_read_with_time_target_recovery_and_snapshot()
    {
        var versions = WbadminVersionsParser.Parse(WbadminOutputParser.SplitLines(Fixture("wbadmin-get-versions.txt")));

        Assert.Equal(2, versions.Count);
        var first = versions[0];
        Assert.Equal("05/03/2018-15:36", first.VersionIdentifier);
        Assert.Equal(new DateTimeOffset(2018, 5, 3, 15, 36, 0, TimeSpan.Zero), first.BackupTime);
        Assert.Equal("1394/USB Disk labeled Elements(F:)", first.BackupTarget);
        Assert.Equal(["Volume(s)", "File(s)", "Application(s)", "Virtual Machine(s)"], first.CanRecover);
        Assert.Equal("{445bf85d-efd2-448b-b33a-f97422f3318a}", first.SnapshotId);
        Assert.Contains("Bare Metal Recovery", versions[1].CanRecover);
    }

    [Fact]
    public void A_share_target_has_a_backup_location_and_no_snapshot_id()
    {
        var version = Assert.Single(WbadminVersionsParser.Parse(WbadminOutputParser.SplitLines(Fixture("wbadmin-get-versions-share.txt"))));

        Assert.Equal(@"Network Share labeled \\10.10.14.25\smb", version.BackupTarget);
        Assert.Null(version.SnapshotId);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 1, 50, 0, TimeSpan.Zero), version.BackupTime);
    }

    [Fact]
    public void Localised_keys_still_yield_the_version_identifiers()
    {
        string[] german = ["Sicherungszeit: 03.05.2018 09:36", "Versionsbezeichner: 05/03/2018-15:36", "", "Versionsbezeichner: 05/04/2018-15:30"];

        var versions = WbadminVersionsParser.Parse(german);

        Assert.Equal(["05/03/2018-15:36", "05/04/2018-15:30"], versions.Select(v => v.VersionIdentifier));
        Assert.All(versions, v => Assert.Empty(v.CanRecover));
    }

    [Fact]
    public void No_versions_on_a_new_target_is_an_empty_list()
    {
        Assert.Empty(WbadminVersionsParser.Parse(["wbadmin 1.0 - Backup command-line tool", "(C) Copyright Microsoft Corporation. All rights reserved.", ""]));
    }
}
