using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>
/// Where the browser tests leave a picture of what they saw: $BACKUPFLEET_SCREENSHOTS (build.sh test sets it and prints it at the
/// end), else TestResults/screenshots beside the test assembly. One PNG per test, named after it (and a step, when it takes several).
/// </summary>
public static class Screenshots
{
    public const string DirectoryVariable = "BACKUPFLEET_SCREENSHOTS";

    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } directory
            ? directory
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The whole page (or only the window, <paramref name="fullPage"/> false) as a PNG named after the calling test; returns its path.</summary>
    public static async Task<string> SaveScreenshotAsync(this IPage page, string? step = null, bool fullPage = true, [CallerMemberName] string test = "")
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, step is null ? $"{test}.png" : $"{test}.{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }
}
