using BackupFleet.Agent.WindowsService;
using BackupFleet.Agent.Connection;
using BackupFleet.Agent.Enrollment;
using BackupFleet.Agent.Platform;

namespace BackupFleet.Agent.Cli;

/// <summary><c>enroll</c>: trades the token for the host's credential and stores it in agent.json.</summary>
internal static class EnrollCommand
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        var server = ServerOption(args);
        var stateDir = StateDirectory.Resolve(args["state-dir"]);
        var platform = HostPlatforms.Create(args["simulate"], ServiceEnvironment.Current());
        if (platform.IsSimulated)
            stdout.WriteLine(SimulatedNotice.For(platform));

        await EnrollAsync(server, args["token"]!, platform, stateDir, stdout, ct);
        var simulate = args["simulate"] is { } scenario ? $" --simulate \"{Path.GetFullPath(scenario)}\"" : "";
        stdout.WriteLine($"Start the agent with: BackupFleet.Agent run --state-dir \"{stateDir}\"{simulate}");
        return ExitCodes.Ok;
    }

    /// <exception cref="UsageException">--server is not an http(s) address.</exception>
    public static Uri ServerOption(CliArguments args) =>
        ServerUris.TryParse(args["server"])
        ?? throw new UsageException($"--server '{args["server"]}' is not an http:// or https:// address such as http://backup-server:5080.");

    /// <summary>The enrollment itself, shared by <c>enroll</c> and <c>install</c>: spends the token and writes agent.json.</summary>
    public static async Task EnrollAsync(Uri server, string token, IHostPlatform platform, string stateDir, TextWriter stdout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = RequestTimeout };
        var enrolled = await AgentEnrollment.EnrollAsync(http, server, token, platform, ct);
        var file = new AgentState(server.ToString().TrimEnd('/'), enrolled.HostId, enrolled.HostName, enrolled.AgentCredential).Save(stateDir);
        stdout.WriteLine($"Enrolled as host {enrolled.HostName} ({enrolled.HostId}); the credential is in {file}.");
    }
}
