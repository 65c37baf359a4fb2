namespace BackupFleet.Agent.Provisioning;

/// <summary>The target cannot be provisioned as asked; the message says what to fix, one problem a line.</summary>
public sealed class ProvisioningException(string message) : Exception(message);
