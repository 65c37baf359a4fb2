using System.Text.RegularExpressions;
using BackupFleet.Shared.Hub;
using BackupFleet.Shared.Inventory;
using BackupFleet.Shared.Provisioning;
using BackupFleet.Shared.Runs;
using Microsoft.AspNetCore.SignalR;

namespace BackupFleet.Server.Features.Agents;

/// <summary>Bounds on what an agent may send, so a broken or hostile agent cannot write junk or floods.</summary>
public static partial class AgentInput
{
    public const int MaxEventsPerBatch = 1000;
    public const int MaxMessageLength = 8000;
    // A host runs a backup or two a day: a thousand undelivered runs is a journal from years offline.
    private const int MaxJournaledRuns = 1000;
    private const int MaxShortText = 255;

    [GeneratedRegex("^0x[0-9A-F]{8}$")]
    private static partial Regex HResult();

    public static void Validate(AgentHello hello)
    {
        Short(hello.ComputerName, "computerName");
        Short(hello.AgentVersion, "agentVersion");
        Short(hello.OsDescription, "osDescription");
        if (hello.ScenarioName is not null)
            Short(hello.ScenarioName, "scenarioName");
        if (hello.ActiveProvisioningId == Guid.Empty)
            throw new HubException("activeProvisioningId is not a job id.");
        if (hello.JournaledRunIds?.Count > MaxJournaledRuns || hello.JournaledRunIds?.Contains(Guid.Empty) == true)
            throw new HubException($"journaledRunIds lists up to {MaxJournaledRuns} run ids.");
        if (hello.Notice is not null && (hello.Notice.Length is 0 or > 2000 || hello.Notice.Contains('\0')))
            throw new HubException("notice must be 1 to 2000 characters without NUL.");
    }

    public static void Validate(RunEventBatch batch)
    {
        if (batch.Events is null || batch.Events.Count is 0 or > MaxEventsPerBatch)
            throw new HubException($"A batch carries 1 to {MaxEventsPerBatch} events.");
        foreach (var e in batch.Events)
        {
            if (e.Sequence < 1)
                throw new HubException("Event sequence numbers start at 1.");
            if (!Enum.IsDefined(e.Kind) || (e.Step is { } step && !Enum.IsDefined(step)))
                throw new HubException($"Event {e.Sequence} has an unknown kind or step.");
            if (e.Percent is < 0 or > 100 || e.Percent is double.NaN)
                throw new HubException($"Event {e.Sequence} has a percentage outside 0–100.");
            if (e.Message?.Length > MaxMessageLength)
                throw new HubException($"Event {e.Sequence} has a message over {MaxMessageLength} characters.");
            if (e.Message?.Contains('\0') == true)
                throw new HubException($"Event {e.Sequence} has a NUL character in its message; PostgreSQL cannot store it.");
        }
    }

    public static void Validate(RunCompletion completion)
    {
        if (completion.State is not (RunState.Succeeded or RunState.Partial or RunState.Failed or RunState.Cancelled or RunState.Interrupted))
            throw new HubException("A run completes as Succeeded, Partial, Failed, Cancelled or Interrupted.");
        if (completion.ErrorCode is not null && !HResult().IsMatch(completion.ErrorCode))
            throw new HubException("An error code is an HRESULT written as 0x followed by 8 upper-case hex digits.");
        if (completion.ErrorMessage?.Contains('\0') == true)
            throw new HubException("The error message has a NUL character; PostgreSQL cannot store it.");
        if (completion.ErrorMessage?.Length > MaxMessageLength)
            throw new HubException($"The error message is over {MaxMessageLength} characters.");
        if (completion.LastSequence < 0)
            throw new HubException("The last sequence cannot be negative.");
        if (completion.BytesTransferred < 0)
            throw new HubException("The bytes transferred cannot be negative.");
    }

    public const int MaxVersions = 5000;

    /// <summary>Reads the whole snapshot, so that nothing half-readable is stored and the checks can run on it.</summary>
    public static HostInventory Validate(InventoryReport report)
    {
        if (report.Json is null || report.Json.Length > 900_000)
            throw new HubException("An inventory is 1 to 900,000 characters of JSON.");
        try
        {
            return Inventory.InventoryStore.Parse(report);
        }
        catch (BackupFleet.Shared.DataFiles.DataFileException e)
        {
            throw new HubException(e.Message);
        }
    }

    public static void Validate(BackupVersionsReport report)
    {
        if (report.Versions is null || report.Versions.Count > MaxVersions)
            throw new HubException($"A versions report lists 0 to {MaxVersions} versions.");
        Short(report.TargetPath, "targetPath");
        foreach (var v in report.Versions)
        {
            Short(v.VersionIdentifier, "versionIdentifier");
            if (v.BackupTarget is not null)
                Short(v.BackupTarget, "backupTarget");
            if (v.SnapshotId is not null)
                Short(v.SnapshotId, "snapshotId");
            if (v.CanRecover is null || v.CanRecover.Count > 20)
                throw new HubException("canRecover lists up to 20 items.");
            foreach (var item in v.CanRecover)
                Short(item, "canRecover");
        }
    }

    public const int MaxProvisioningLines = 200;

    public static void Validate(ProvisioningUpdate update)
    {
        if (update.State is not (ProvisioningState.Running or ProvisioningState.Succeeded or ProvisioningState.Failed))
            throw new HubException("A provisioning update is Running, Succeeded or Failed.");
        if (update.FirstLine < 0 || update.Lines is null || update.Lines.Count > MaxProvisioningLines)
            throw new HubException($"A provisioning update starts at line 0 or later and carries up to {MaxProvisioningLines} lines.");
        foreach (var line in update.Lines)
            if (line is null || line.Length > MaxMessageLength || line.Contains('\0'))
                throw new HubException($"A provisioning line is up to {MaxMessageLength} characters without NUL.");
        if (update.Error is not null && (update.Error.Length > MaxMessageLength || update.Error.Contains('\0')))
            throw new HubException($"A provisioning error is up to {MaxMessageLength} characters without NUL.");
    }

    private static void Short(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxShortText || value.Any(char.IsControl))
            throw new HubException($"{field} must be 1 to {MaxShortText} printable characters.");
    }
}
