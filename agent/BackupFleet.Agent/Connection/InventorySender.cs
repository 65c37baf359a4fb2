using BackupFleet.Shared.Inventory;
using BackupFleet.Agent.Platform;
using BackupFleet.Shared.Checks;
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
            // The server keeps the findings; the host's own log names the serious ones too, for whoever reads it there.
            foreach (var f in HostChecks.Run(inventory).Where(f => f.Severity != FindingSeverity.Info))
                log.LogWarning("Check {Check} ({Severity}) on {Subject}: {Message}", f.Check, FindingSeverities.Name(f.Severity), f.Subject, f.Message);
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
