using BackupFleet.Agent.WindowsService;

namespace BackupFleet.Tests.Agent.Service;

public sealed class WindowsCommandLineTests
{
    [Theory]
    [InlineData(@"run", @"run")]
    [InlineData(@"C:\Agent\agent.exe", @"C:\Agent\agent.exe")]
    [InlineData(@"C:\Program Files\agent.exe", @"""C:\Program Files\agent.exe""")]
    [InlineData(@"C:\state dir\", @"""C:\state dir\\""")] // a trailing backslash must not escape the closing quote
    [InlineData(@"D:\odd""name", @"""D:\odd\""name""")]
    [InlineData(@"D:\odd\""name x", @"""D:\odd\\\""name x""")]
    [InlineData(@"", @"""""")]
    public void Each_argument_comes_back_whole_when_windows_splits_the_line(string argument, string quoted)
    {
        Assert.Equal(quoted, WindowsCommandLine.Quote(argument));
    }

    [Fact]
    public void A_command_line_joins_the_quoted_arguments_with_spaces()
    {
        Assert.Equal(@"""C:\Program Files\a.exe"" run --state-dir C:\s",
            WindowsCommandLine.Join([@"C:\Program Files\a.exe", "run", "--state-dir", @"C:\s"]));
    }
}
