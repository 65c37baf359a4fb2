using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR.Client;
using System.Threading.Channels;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>
/// A bare hub connection with a host's credential, for testing what the server accepts from an agent
/// independently of the agent's own (well-behaved) code.
/// </summary>
public sealed class RawAgent : IAsyncDisposable
{
    public HubConnection Connection { get; }
    public string Credential { get; }
    public Channel<BackupJob> Jobs { get; } = Channel.CreateUnbounded<BackupJob>();

    private RawAgent(HubConnection connection, string credential) => (Connection, Credential) = (connection, credential);

    public static async Task<RawAgent> ConnectAsync(IServerUnderTest server, string credential, string computerName, Guid? activeRunId = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, AgentHubRoute.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(credential))
            .Build();
        var agent = new RawAgent(connection, credential);
        connection.On<BackupJob>(nameof(IAgentClient.StartBackup), job => agent.Jobs.Writer.TryWrite(job));
        await connection.StartAsync();
        await connection.InvokeAsync<HelloAck>(nameof(IAgentHub.Hello), new AgentHello(computerName, "raw-test", "Linux test", true, "raw", activeRunId));
        return agent;
    }

    public Task<bool> AcceptAsync(Guid runId) => Connection.InvokeAsync<bool>(nameof(IAgentHub.AcceptJob), runId);

    public Task<int> ReportAsync(Guid runId, params RunEventDto[] events) =>
        Connection.InvokeAsync<int>(nameof(IAgentHub.ReportEvents), new RunEventBatch(runId, events));

    public Task ReportInventoryAsync(InventoryReport report) => Connection.InvokeAsync(nameof(IAgentHub.ReportInventory), report);

    public Task ReportVersionsAsync(BackupVersionsReport report) => Connection.InvokeAsync(nameof(IAgentHub.ReportBackupVersions), report);

    public Task ReportProvisioningAsync(ProvisioningUpdate update) => Connection.InvokeAsync(nameof(IAgentHub.ReportProvisioning), update);

    public Task CompleteAsync(RunCompletion completion) => Connection.InvokeAsync(nameof(IAgentHub.CompleteRun), completion);

    public async Task<BackupJob> NextJobAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await Jobs.Reader.ReadAsync(cts.Token);
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
