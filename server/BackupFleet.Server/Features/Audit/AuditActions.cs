namespace BackupFleet.Server.Features.Audit;

/// <summary>The audited actions, one name each, for the log and its filter.</summary>
public static class AuditActions
{
    public static IReadOnlySet<string> All { get; } = Shared.ConstantNames.Of(typeof(AuditActions));

    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in.failed";
    public const string PolicySaved = "policy.saved";
    public const string PolicyDeleted = "policy.deleted";
    public const string TagsSaved = "tags.saved";
    public const string RunStarted = "run.started";
    public const string RunCancelled = "run.cancelled";
    public const string EnrollmentTokenCreated = "enrollment-token.created";
    public const string HostEnrolled = "host.enrolled";
    public const string ProvisioningStarted = "provisioning.started";
    public const string ApiKeyCreated = "api-key.created";
    public const string ApiKeyRevoked = "api-key.revoked";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role-changed";
    public const string UserDeleted = "user.deleted";
    public const string AgentRefused = "agent.refused";
    public const string AgentRevoked = "agent.revoked";
    public const string NotificationRuleSaved = "notification-rule.saved";
    public const string NotificationRuleDeleted = "notification-rule.deleted";
}
