using BackupFleet.Shared.Paths;
using BackupFleet.Agent.Wbadmin;

namespace BackupFleet.Agent.Platform.Simulated;

/// <summary>The wbadmin arguments read back, as wbadmin itself would read them.</summary>
internal sealed record SimulatedBackupRequest(string Target, bool AllCritical, IReadOnlyList<string> Include, bool SystemState)
{
    /// <summary>Null with <paramref name="error"/> set when wbadmin would refuse the command line.</summary>
    public static SimulatedBackupRequest? Parse(IReadOnlyList<string> args, out string error)
    {
        error = "";
        if (args.Count < 2 || !args[0].Equals("start", StringComparison.OrdinalIgnoreCase) || !args[1].Equals("backup", StringComparison.OrdinalIgnoreCase))
        {
            error = "ERROR - Command syntax incorrect. Only 'start backup' is simulated.";
            return null;
        }
        string? target = null;
        var allCritical = false;
        var systemState = false;
        var include = new List<string>();
        foreach (var arg in args.Skip(2))
        {
            var (name, value) = arg.IndexOf(':') is var colon and > 0 ? (arg[..colon], arg[(colon + 1)..]) : (arg, "");
            switch (name.ToLowerInvariant())
            {
                case "-backuptarget" when DriveLetters.TryNormalise(value, out var letter):
                    target = letter;
                    break;
                case "-include":
                    foreach (var v in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!DriveLetters.TryNormalise(v, out var volume))
                        {
                            error = $"ERROR - The volume '{v}' was not found.";
                            return null;
                        }
                        include.Add(volume);
                    }
                    break;
                case "-allcritical":
                    allCritical = true;
                    break;
                case "-systemstate":
                    systemState = true;
                    break;
                case "-vssfull" or "-vsscopy" or "-quiet":
                    break;
                default:
                    error = $"ERROR - Command syntax incorrect. The argument '{arg}' is not recognised.";
                    return null;
            }
        }
        if (target is null)
        {
            error = "ERROR - Command syntax incorrect. Give -backupTarget:<drive letter>.";
            return null;
        }
        return new SimulatedBackupRequest(target, allCritical, include, systemState);
    }
}
