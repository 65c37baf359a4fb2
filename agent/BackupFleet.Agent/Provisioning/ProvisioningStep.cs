namespace BackupFleet.Agent.Provisioning;

/// <param name="Title">What the step does, printed as it starts.</param>
/// <param name="Script">The PowerShell script, every value in it a literal.</param>
/// <param name="Timeout">Longest it may run; null for no limit.</param>
public sealed record ProvisioningStep(string Title, string Script, TimeSpan? Timeout);
