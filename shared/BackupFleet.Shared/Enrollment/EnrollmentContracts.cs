namespace BackupFleet.Shared.Enrollment;

public static class EnrollmentRoute
{
    public const string Path = "/api/v1/agents/enroll";
}

public sealed record EnrollRequest(string Token, string ComputerName, string AgentVersion, bool Simulated);

/// <param name="AgentCredential">The host's own secret, shown once; the server keeps only its hash.</param>
public sealed record EnrollResponse(Guid HostId, string HostName, string AgentCredential);
