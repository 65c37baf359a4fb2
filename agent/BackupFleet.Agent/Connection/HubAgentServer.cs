using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR.Client;

namespace BackupFleet.Agent.Connection;

/// <summary>The server's hub as the agent calls it; method names come from the shared interface, so both ends stay in step.</summary>
internal sealed class HubAgentServer(HubConnection connection) : IAgentHub
{
    public Task<HelloAck> Hello(AgentHello hello) => connection.InvokeAsync<HelloAck>(nameof(IAgentHub.Hello), hello);

    public Task<bool> AcceptJob(Guid runId) => connection.InvokeAsync<bool>(nameof(IAgentHub.AcceptJob), runId);

    public Task<int> ReportEvents(RunEventBatch batch) => connection.InvokeAsync<int>(nameof(IAgentHub.ReportEvents), batch);

    public Task CompleteRun(RunCompletion completion) => connection.InvokeAsync(nameof(IAgentHub.CompleteRun), completion);

    public Task ReportInventory(InventoryReport report) => connection.InvokeAsync(nameof(IAgentHub.ReportInventory), report);

    public Task ReportBackupVersions(BackupVersionsReport report) => connection.InvokeAsync(nameof(IAgentHub.ReportBackupVersions), report);

    public Task ReportProvisioning(ProvisioningUpdate update) => connection.InvokeAsync(nameof(IAgentHub.ReportProvisioning), update);
}
