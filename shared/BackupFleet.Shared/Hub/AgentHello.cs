namespace BackupFleet.Shared.Hub;

/// <param name="Simulated">True when the agent plays a scenario instead of driving Windows; shown everywhere the host appears.</param>
/// <param name="ScenarioName">The simulated host's scenario, null on a real host.</param>
public sealed record AgentHello(string ComputerName, string AgentVersion, string OsDescription, bool Simulated, string? ScenarioName);

public sealed record HelloAck(Guid HostId, string HostName);
