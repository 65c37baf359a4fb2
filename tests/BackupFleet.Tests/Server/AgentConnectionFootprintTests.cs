using BackupFleet.Tests.Infrastructure;

namespace BackupFleet.Tests.Server;

[Collection(ServerCollection.Name)]
public sealed class AgentConnectionFootprintTests(ServerFixture fixture)
{
    private readonly HttpClient _api = fixture.Server.CreateClient();

    [Fact]
    public async Task A_connected_agent_keeps_no_database_context_open()
    {
        // The request that carries an agent's WebSocket lives as long as the connection: a context its scope resolved would stay
        // with it, one per connected agent (about 19 KB each, a third of the heap at 10,000 agents).
        const int Agents = 12;
        var enrolled = new List<(string Name, string Credential)>();
        for (var i = 0; i < Agents; i++)
        {
            var name = FleetApi.UniqueHostName("FOOT");
            enrolled.Add((name, (await _api.EnrollAsync(name)).AgentCredential));
        }

        using var live = new LiveDbContexts(fixture.Server.DatabaseConnectionString);
        var agents = new List<RawAgent>();
        try
        {
            foreach (var (name, credential) in enrolled)
                agents.Add(await RawAgent.ConnectAsync(fixture.Server, credential, name));
            // The server's background work (the scheduler's poll, the fleet rules) holds a context only while it works.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (live.Count >= Agents / 2 && DateTime.UtcNow < deadline)
                await Task.Delay(100);

            Assert.True(live.Count < Agents / 2, $"{live.Count} database contexts stay open with {Agents} agents connected.");
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }
}
