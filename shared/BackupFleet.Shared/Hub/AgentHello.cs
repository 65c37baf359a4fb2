namespace BackupFleet.Shared.Hub;

/// <param name="Simulated">True when the agent plays a scenario instead of driving Windows; shown everywhere the host appears.</param>
/// <param name="ScenarioName">The simulated host's scenario, null on a real host.</param>
/// <param name="ActiveRunId">The run the agent is executing now; any other run the server thinks is running on this host was lost.</param>
/// <param name="ActiveProvisioningId">The provisioning job the agent is running now; any other the server thinks is running was lost.</param>
/// <param name="Notice">Something the agent did on its own since it last said hello, for the administrator (e.g. it dismounted a VHDX a crashed run had left attached).</param>
/// <param name="JournaledRunIds">Ended runs whose end the agent still has to deliver from its journal: not lost, whatever the server thinks.</param>
public sealed record AgentHello(string ComputerName, string AgentVersion, string OsDescription, bool Simulated, string? ScenarioName, Guid? ActiveRunId = null,
    string? Notice = null, Guid? ActiveProvisioningId = null, IReadOnlyList<Guid>? JournaledRunIds = null);

public sealed record HelloAck(Guid HostId, string HostName);
