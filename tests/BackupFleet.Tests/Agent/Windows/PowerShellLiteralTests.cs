using BackupFleet.Shared.Paths;

namespace BackupFleet.Tests.Agent.Windows;

public sealed class PowerShellLiteralTests
{
    [Theory]
    [InlineData(@"\\nas01\backups\HV01.vhdx", @"'\\nas01\backups\HV01.vhdx'")]
    [InlineData(@"\\nas 01\Backup Files\HV01.vhdx", @"'\\nas 01\Backup Files\HV01.vhdx'")]
    [InlineData(@"\\nas01\it's\a.vhdx", @"'\\nas01\it''s\a.vhdx'")]
    [InlineData(@"\\nas01\''\a.vhdx", @"'\\nas01\''''\a.vhdx'")]
    [InlineData(@"\\nas01\$env:TEMP\$(Remove-Item C:\)\a.vhdx", @"'\\nas01\$env:TEMP\$(Remove-Item C:\)\a.vhdx'")]
    [InlineData(@"\\nas01\back`tick`""q""\a.vhdx", @"'\\nas01\back`tick`""q""\a.vhdx'")]
    [InlineData(@"\\nas01\a; Dismount-VHD -Path x; '\a.vhdx", @"'\\nas01\a; Dismount-VHD -Path x; ''\a.vhdx'")]
    // PowerShell ends a single-quoted string at typographic quotes too.
    [InlineData("\\\\nas01\\it\u2019s\u2018\u201A\u201B.vhdx", "'\\\\nas01\\it\u2019\u2019s\u2018\u2018\u201A\u201A\u201B\u201B.vhdx'")]
    [InlineData("", "''")]
    public void A_value_becomes_a_single_quoted_literal_with_every_quote_doubled(string value, string literal) =>
        Assert.Equal(literal, PowerShellLiteral.Quote(value));
}
