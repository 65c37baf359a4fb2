namespace BackupFleet.Agent.WindowsService;

/// <summary>Installing or removing the service cannot go on; the message says why and what to do.</summary>
public sealed class ServiceCommandException(string message) : Exception(message);
