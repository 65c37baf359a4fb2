namespace BackupFleet.Server.Features.Auth;

public static class AuthSchemes
{
    public const string ApiKey = "ApiKey";
    public const string Agent = "Agent";
    public const string ApiKeyHeader = "X-Api-Key";
    /// <summary>Claim that carries the host id of an authenticated agent.</summary>
    public const string HostIdClaim = "backupfleet:host";
    /// <summary>Claim that carries the id of the credential an agent connected with, so a revoked one can be refused mid-connection.</summary>
    public const string CredentialIdClaim = "backupfleet:credential";
}
