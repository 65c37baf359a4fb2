using BackupFleet.Agent.Platform;
using BackupFleet.Agent.Platform.Simulated;
using BackupFleet.Shared.Runs;
using BackupFleet.Tests.Agent.Windows;
using static BackupFleet.Tests.Agent.AgentTestSupport;

namespace BackupFleet.Tests.Agent;

public enum PlatformKind { Simulated, Windows }

/// <summary>How the host behaves in a behavioural test of the job steps, whichever platform plays it.</summary>
public enum HostBehaviour { Healthy, BackupFails, VolumeNeverOnline, LongBackup }

/// <summary>
/// The same host behaviour on either platform: the simulated one from a scenario, the Windows one with recorded outputs
/// behind a fake process runner. The job steps must behave the same on both.
/// </summary>
internal sealed class PlatformUnderTest
{
    private readonly Func<IReadOnlyList<string>> _diskHistory;
    private readonly Func<Task<bool>> _isAttached;

    private PlatformUnderTest(IHostPlatform platform, BackupJob job, Func<IReadOnlyList<string>> diskHistory, Func<Task<bool>> isAttached,
        string? failureCode, string? failureMessage)
    {
        (Platform, Job, _diskHistory, _isAttached, FailureCode, FailureMessage) = (platform, job, diskHistory, isAttached, failureCode, failureMessage);
    }

    public IHostPlatform Platform { get; }

    public BackupJob Job { get; }

    public string Target => Job.Spec.TargetVhdxPath;

    /// <summary>The HRESULT and message the run fails with under <see cref="HostBehaviour.BackupFails"/>.</summary>
    public string? FailureCode { get; }

    public string? FailureMessage { get; }

    /// <summary>Only the mounts and dismounts, as "mount PATH" / "dismount PATH".</summary>
    public IReadOnlyList<string> DiskHistory => _diskHistory();

    public Task<bool> IsAttachedAsync() => _isAttached();

    public static PlatformUnderTest Create(PlatformKind kind, HostBehaviour behaviour) =>
        kind == PlatformKind.Simulated ? Simulated(behaviour) : Windows(behaviour);

    private static PlatformUnderTest Simulated(HostBehaviour behaviour)
    {
        var scenario = behaviour switch
        {
            HostBehaviour.BackupFails => FastFailing(),
            HostBehaviour.VolumeNeverOnline => FastHealthy().WithFaults(f => f with { VolumeNeverOnline = true }),
            // The two volumes would take 8 s: only a prompt stop of the simulated wbadmin ends the run sooner.
            HostBehaviour.LongBackup => FastHealthy().WithSimulation(s => s with { SecondsPerVolume = 4 }),
            _ => FastHealthy(),
        };
        var platform = SimulatedPlatform.FromScenario(scenario);
        return new PlatformUnderTest(platform, JobFor(scenario, behaviour), () => platform.VirtualDisks.History,
            () => platform.VirtualDisks.IsMountedAsync(scenario.Inventory.BackupTarget.Path!, default),
            "0x80780119", "Detailed error: There is not enough disk space to create the volume shadow copy on the storage location (0x80780119).");
    }

    private static PlatformUnderTest Windows(HostBehaviour behaviour)
    {
        var host = new FakeWindowsHost
        {
            PollsUntilOnline = behaviour == HostBehaviour.VolumeNeverOnline ? -1 : 2,
            WbadminRecording = behaviour == HostBehaviour.BackupFails ? "wbadmin-failure-vss.txt" : "wbadmin-success-allcritical.txt",
            WbadminExitCode = behaviour == HostBehaviour.BackupFails ? 1 : 0, // non-zero value unverified (windows-outputs.md §1)
            WbadminHangs = behaviour == HostBehaviour.LongBackup,
            // Windows' own log agrees with wbadmin: event 4 after a success, event 5 after a failure.
            EventsRecording = behaviour == HostBehaviour.BackupFails ? "get-winevent-many.json" : "get-winevent-success.json",
        };
        return new PlatformUnderTest(host.Platform, JobFor(FastHealthy(), behaviour),
            () => host.History.Where(h => h.StartsWith("mount ", StringComparison.Ordinal) || h.StartsWith("dismount ", StringComparison.Ordinal)).ToList(),
            () => Task.FromResult(host.IsAttached),
            "0x800423F4",
            "A Volume Shadow Copy Service Operation failed. Detailed Error: The volume shadow copy operation failed with error 0x800423F4. View the event log for more information.");
    }

    private static BackupJob JobFor(Scenario scenario, HostBehaviour behaviour) =>
        Job(scenario, mountWaitSeconds: behaviour == HostBehaviour.VolumeNeverOnline ? 1 : 5);
}
