namespace BackupFleet.Shared.Text;

/// <summary>Input quoted back in an error message, cut short so that a huge value cannot flood the message.</summary>
public static class Echo
{
    public static string Shorten(string? value, int max = 64) => value is null ? "" : value.Length <= max ? value : value[..max] + "…";
}
