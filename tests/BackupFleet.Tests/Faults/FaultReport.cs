namespace BackupFleet.Tests.Faults;

/// <summary>
/// The fault suite's table: each fault test adds a row with the fault, what became of the run (or FAILED and why) and
/// which notification was sent for it.
/// <c>./build.sh test</c> prints it (BACKUPFLEET_FAULTS names the file; else TestResults/faults.tsv beside the tests).
/// </summary>
public static class FaultReport
{
    /// <summary>The fault tests run one after another: each starts servers, processes or a database of its own, and together they would crowd out the rest.</summary>
    public const string Collection = "faults";

    private static readonly object Gate = new();

    private static string FilePath => Environment.GetEnvironmentVariable("BACKUPFLEET_FAULTS")
        ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "faults.tsv");

    /// <param name="test">The fault test; it returns the outcomes it has just asserted, in words: the run's and the notification's.</param>
    public static async Task RunAsync(string fault, Func<Task<(string Run, string Notification)>> test)
    {
        (string Run, string Notification) outcome;
        try
        {
            outcome = await test();
        }
        catch (Exception e)
        {
            Add(fault, "FAILED: " + e.Message.ReplaceLineEndings(" "), "-");
            throw;
        }
        Add(fault, outcome.Run, outcome.Notification);
    }

    private static void Add(string fault, string run, string notification)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            File.AppendAllText(FilePath, $"{fault}\t{run}\t{notification}\n");
        }
    }
}
