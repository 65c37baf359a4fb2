namespace BackupFleet.Server.Components.Layout;

/// <summary>
/// The viewer's light or dark choice, kept in a cookie that wwwroot/viewer.js writes, so the server renders the chosen theme
/// from the first byte instead of flashing the light one.
/// </summary>
public static class ThemePreference
{
    public const string Cookie = "backupfleet.theme";
    public const string Dark = "dark";
    public const string Light = "light";

    public static bool IsDark(HttpContext context) => context.Request.Cookies[Cookie] == Dark;
}
