using BackupFleet.Agent.Platform;
using Microsoft.Extensions.Logging;

namespace BackupFleet.Agent.Jobs;

/// <summary>
/// At agent start: a run that ended with the agent (crash, power loss, killed service) never reached its dismount, and a
/// VHDX left attached blocks the next mount and holds the share (KNOWLEDGE.md §2). Found through <see cref="LastJobFile"/>.
/// </summary>
public static class LeftoverTargetRecovery
{
    /// <returns>The VHDX that was found attached and dismounted, or null.</returns>
    public static async Task<string?> DismountLeftoverAsync(IHostPlatform platform, LastJobFile lastJob, ILogger log, CancellationToken ct)
    {
        string? path = null;
        try
        {
            path = lastJob.Load()?.TargetVhdxPath;
            if (path is null || !await platform.Disks.IsMountedAsync(path, ct))
                return null;
            log.LogWarning("{Path} is still attached, left by a run that did not finish (agent stopped, crashed or lost power); dismounting it", path);
            await platform.Disks.DismountAsync(path, ct);
            log.LogWarning("Dismounted {Path}, which an interrupted run had left attached", path);
            return path;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The agent still starts: the next run's mount step tries the dismount again and reports it to the server.
            log.LogError("Could not check or dismount the backup target left by the last run ({Path}): {Error}", path ?? lastJob.Path, e.Message);
            return null;
        }
    }
}
