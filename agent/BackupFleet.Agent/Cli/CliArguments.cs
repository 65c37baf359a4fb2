namespace BackupFleet.Agent.Cli;

/// <summary>
/// A parsed command line: the command, its --options (as "--name value" or "--name=value"), its --switches (no value) and,
/// for a command that takes one, its argument (explain's code).
/// </summary>
public sealed class CliArguments
{
    public const string Enroll = "enroll";
    public const string Run = "run";
    public const string Install = "install";
    public const string Uninstall = "uninstall";
    public const string ProvisionTarget = "provision-target";
    public const string Check = "check";
    public const string Explain = "explain";
    public const string Help = "help";

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Enroll] = ["server", "token", "state-dir", "simulate"],
        [Run] = ["state-dir", "simulate"],
        [Install] = ["server", "token", "state-dir"],
        [Uninstall] = ["state-dir"],
        [ProvisionTarget] = ["vhdx", "size", "letter", "label"],
        [Check] = ["inventory", "format"],
        [Explain] = ["context", "format"],
    };

    // Commands that take one argument that is not an option; it may start with a single "-" (explain -2147024894).
    private static readonly HashSet<string> WithArgument = [Explain];

    private static readonly Dictionary<string, string[]> Switches = new()
    {
        [Uninstall] = ["purge"],
    };

    private static readonly Dictionary<string, string[]> Required = new()
    {
        [Enroll] = ["server", "token"],
        [Run] = [],
        [Install] = ["server", "token"],
        [Uninstall] = [],
        [ProvisionTarget] = ["vhdx", "size"],
        [Check] = ["inventory"],
        [Explain] = [],
    };

    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _switches;

    private CliArguments(string command, Dictionary<string, string> options, HashSet<string> switches, string? argument = null) =>
        (Command, _options, _switches, Argument) = (command, options, switches, argument);

    public string Command { get; }

    public string? Argument { get; }

    public string? this[string option] => _options.GetValueOrDefault(option);

    public bool Has(string @switch) => _switches.Contains(@switch);

    /// <exception cref="UsageException">The command line is wrong; the message says how.</exception>
    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
            throw new UsageException("Give a command: enroll, run, install, uninstall, provision-target, check or explain.");
        if (args.Any(a => a is "-h" or "--help" or "-?" or "/?") || args[0] == Help)
            return new CliArguments(Help, [], []);
        var command = args[0].ToLowerInvariant();
        if (!Allowed.TryGetValue(command, out var allowed))
            throw new UsageException($"Unknown command '{args[0]}'.");

        var switches = Switches.GetValueOrDefault(command, []);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        string? argument = null;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) && WithArgument.Contains(command) && argument is null)
            {
                argument = arg;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"Unexpected argument '{arg}'.");
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? arg[2..] : arg[2..equals]).ToLowerInvariant();
            if (switches.Contains(name))
            {
                if (equals >= 0)
                    throw new UsageException($"--{name} takes no value.");
                if (!given.Add(name))
                    throw new UsageException($"--{name} is given twice.");
                continue;
            }
            if (!allowed.Contains(name))
                throw new UsageException($"'{command}' has no option --{name}.");
            string value;
            if (equals >= 0)
                value = arg[(equals + 1)..];
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                value = args[++i];
            else
                throw new UsageException($"--{name} needs a value.");
            if (string.IsNullOrWhiteSpace(value))
                throw new UsageException($"--{name} needs a value.");
            if (!options.TryAdd(name, value))
                throw new UsageException($"--{name} is given twice.");
        }
        foreach (var name in Required[command].Where(n => !options.ContainsKey(n)))
            throw new UsageException($"'{command}' needs --{name}.");
        return new CliArguments(command, options, given, argument);
    }
}
