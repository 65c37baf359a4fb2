using BackupFleet.Shared.Paths;

namespace BackupFleet.Tests.Checks;

/// <summary>Windows paths taken apart as text, the same on Linux as on Windows.</summary>
public sealed class WindowsPathsTests
{
    [Theory]
    [InlineData(@"D:\my-virtual-server-d-drive.vhdx", "D:")]
    [InlineData(@"e:\Virtual Machines\SQL01", "E:")]
    [InlineData("E:/Virtual Machines/SQL01", "E:")]
    [InlineData("D:", "D:")]
    [InlineData(@"\\?\D:\VMs\a.vhdx", "D:")]
    [InlineData(@"\\?\UNC\nas01\vms\a.vhdx", @"\\nas01\vms")]
    [InlineData(@"\\nas01\vms\SQL01\a.vhdx", @"\\nas01\vms")]
    [InlineData(@"\\?\Volume{3f2a9c4e-51b7-4d0a-9e6c-2b8f7a1d0c35}\VMs\a.vhdx", @"\\?\Volume{3f2a9c4e-51b7-4d0a-9e6c-2b8f7a1d0c35}")]
    [InlineData(@"\\.\Volume{3f2a9c4e-51b7-4d0a-9e6c-2b8f7a1d0c35}\a.vhdx", @"\\?\Volume{3f2a9c4e-51b7-4d0a-9e6c-2b8f7a1d0c35}")]
    [InlineData(@"VMs\a.vhdx", null)]
    [InlineData("Disk 4 6.00 TB Bus 0 Lun 1 Target 0", null)]
    [InlineData("", null)]
    public void The_volume_of_a_path(string path, string? volume) => Assert.Equal(volume, WindowsPaths.Volume(path));

    [Theory]
    [InlineData(@"D:\my-virtual-server-d-drive.vhdx", true)]
    [InlineData(@"\\nas01\vms\a.vhdx", true)]
    [InlineData(@"\\?\Volume{3f2a9c4e-51b7-4d0a-9e6c-2b8f7a1d0c35}\a.vhdx", true)]
    [InlineData(@"D:\SQL01\a.vhdx", false)]
    [InlineData(@"D:\", false)]
    [InlineData(@"a.vhdx", false)]
    public void A_file_at_a_volume_root(string path, bool atRoot) => Assert.Equal(atRoot, WindowsPaths.IsAtVolumeRoot(path));

    [Fact]
    public void Folders_are_the_names_between_the_volume_and_the_file()
    {
        Assert.Equal(["Virtual Machines", "SQL01", "Virtual Hard Disks"], WindowsPaths.Folders(@"E:\Virtual Machines\SQL01\Virtual Hard Disks\c.vhdx"));
        Assert.Equal(["vms", "SQL01"], WindowsPaths.Folders(@"\\nas01\share\vms\SQL01\c.vhdx"));
        Assert.True(WindowsPaths.IsInFolderNamed(@"d:\fs01\FS01-pagefile.vhdx", "FS01"));
        Assert.False(WindowsPaths.IsInFolderNamed(@"D:\SQL01.vhdx", "SQL01")); // a file named after the VM is no folder
        Assert.False(WindowsPaths.IsInFolderNamed(@"\\nas01\SQL01\a.vhdx", "SQL01")); // the share is the volume, not a folder
    }

    [Fact]
    public void Paths_are_the_same_whatever_their_case_or_trailing_backslash()
    {
        Assert.True(WindowsPaths.Same(@"\\NAS01\Backups\HV01.VHDX", @"\\nas01\backups\hv01.vhdx"));
        Assert.True(WindowsPaths.Same(@"D:\SQL01\", @"d:\sql01"));
        Assert.False(WindowsPaths.Same(@"D:\SQL01", @"D:\SQL02"));
        Assert.False(WindowsPaths.Same(null, "D:"));
    }

    [Fact]
    public void Names_are_taken_off_and_put_on_at_the_last_backslash()
    {
        Assert.Equal("my disk.vhdx", WindowsPaths.FileName(@"D:\O'Brien\my disk.vhdx"));
        Assert.Equal(@"\\nas01\b.1\HV01", WindowsPaths.WithoutExtension(@"\\nas01\b.1\HV01.vhdx"));
        Assert.Equal(@"\\nas01\b.1\HV01", WindowsPaths.WithoutExtension(@"\\nas01\b.1\HV01"));
        Assert.Equal(@"\\nas01\backups", WindowsPaths.Parent(@"\\nas01\backups\HV01.vhdx"));
        Assert.Equal(@"D:\SQL01\d.vhdx", WindowsPaths.Combine(@"D:\", "SQL01", "d.vhdx"));
    }
}
