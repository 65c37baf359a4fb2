namespace BackupFleet.Agent.Platform;

/// <summary>The platform asked for cannot run on this machine; the message says what to do instead.</summary>
public sealed class PlatformUnavailableException(string message) : Exception(message);
