using BackupFleet.Shared.Inventory;
using BackupFleet.Agent.Platform;
using BackupFleet.Shared.Hub;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Connection;

/// <summary>
/// Captures the host's inventory and sends it to the server, after each Hello and after each run. A failure is only
/// logged: the next Hello or run sends a fresh one, and nothing else waits for it.
/// </summary>
internal sealed class InventorySender(IAgentHub hub, IHostPlatform platform, ILogger log)
{
    /// <param name="occasion">Why it is sent, for the log, e.g. "after connecting".</param>
    public async Task SendAsync(string occasion, CancellationToken ct)
    {
        try
        {
            var inventory = await platform.GetInventoryAsync(ct);
            await hub.ReportInventory(new InventoryReport(inventory.CapturedAt, InventoryWriter.Write(inventory))).WaitAsync(ct);
            log.LogDebug("Inventory sent {Occasion}", occasion);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Could not send the host's inventory {Occasion}: {Error}", occasion, e.Message);
        }
        catch (OperationCanceledException)
        {
            // The agent is stopping.
        }
    }
}
