using BackupFleet.Bench;
using BackupFleet.Bench.Figures;
using BackupFleet.Bench.Load;
using BackupFleet.Bench.Report;
using BackupFleet.Bench.Server;

// The fleet benchmark: the real server (Release, its own process) on a fresh database, thousands of simulated agents in this
// process, each figure beside its baseline. Exit code 0 whatever the figures say; 1 when the bench itself broke; 2 for bad options.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

// Thousands of agents in one process burst into work together (a wave's jobs, a ramp step's hellos): threads ready for them
// keep the generator's own queueing out of the latencies.
ThreadPool.SetMinThreads(64, 64);
var report = new BenchReport(options);
var database = new BenchDatabase(options.PostgresConnection);
var broke = false;
ServerLauncher? server = null;
// Ctrl-C or a kill: the server goes with the bench, never left running on its port.
Console.CancelKeyPress += (_, _) => server?.Kill();
AppDomain.CurrentDomain.ProcessExit += (_, _) => server?.Kill();

try
{
    Console.WriteLine($"==> fresh database {BenchDatabase.Name}, server on port {options.ServerPort}");
    await database.RecreateAsync();
    report.ServerSettings["Dispatch__BackupsPerNas"] = $"{options.BackupsPerNas}";
    server = await ServerLauncher.StartAsync(options.RepositoryRoot, database.ConnectionString, options.ServerPort, report.ServerSettings);
    using var api = new FleetApi(server.Address);
    var scenario = new FleetScenario();

    Console.WriteLine($"==> set-up: {options.Agents} hosts, {options.HistoryRuns:#,0} runs of history");
    var fleet = await Setup.RunAsync(options, api, database, scenario, report);
    await using var agents = new AgentFleet(server.Address, fleet.Hosts, scenario);

    await Figure("a. ramp", () => RampFigure.RunAsync(options, server, database, agents, report));
    await Figure("e. hosts list", () => HostListFigure.RunAsync(options, api, fleet.Hosts.Count, report));
    await Figure("b. run now", () => RunNowFigure.RunAsync(options, api, agents, report));
    var senders = new List<EventSender>();
    try
    {
        foreach (var host in fleet.Senders)
            senders.Add(await EventSender.ConnectAsync(server.Address, host));
        await Figure("c. ingest", () => IngestFigure.RunAsync(options, api, database, senders[1..], report));
        await Figure("f. dashboard", () => DashboardFigure.RunAsync(options, api, senders[0], report));
    }
    finally
    {
        foreach (var sender in senders)
            await sender.DisposeAsync();
    }
    await Figure("d. nightly wave", () => WaveFigure.RunAsync(options, database, agents, scenario, report));

    if (options.Figures != BenchOptions.AllFigures)
        report.Notes.Add($"only the figures a{options.Figures} were measured (--figures)");
    var agentLog = agents.Log.Snapshot();
    if (agentLog.Count > 0)
        report.Notes.Add("the agents logged: " + string.Join("; ", agentLog.Take(8).Select(l => $"{l.Count} × \"{l.Template}\", first: \"{l.First}\"")));
}
catch (Exception e)
{
    broke = true;
    Console.Error.WriteLine($"The bench broke: {e}");
    if (server is not null)
        Console.Error.WriteLine("The server's last output:\n" + server.Tail);
}
finally
{
    if (server is not null)
        await server.DisposeAsync();
}

Console.WriteLine(report.Print());
Console.WriteLine($"results: {report.Write()}");
return broke ? 1 : 0;

async Task Figure(string name, Func<Task> measure)
{
    if (!name.StartsWith('a') && !options.Measures(name[0]))
        return;
    Console.WriteLine($"==> {name}");
    try
    {
        await measure();
    }
    catch (Exception e) when (server is { HasExited: false })
    {
        // One figure that could not be measured is reported as such; the others still run.
        broke = true;
        report.Notes.Add($"{name} could not be measured: {e.GetType().Name}: {e.Message}");
        Console.Error.WriteLine($"{name} broke: {e}");
    }
}
