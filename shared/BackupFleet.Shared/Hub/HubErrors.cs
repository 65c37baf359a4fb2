namespace BackupFleet.Shared.Hub;

/// <summary>
/// How the server tells an agent that a refused call is worth repeating as it is: a passing outage on the server's
/// side (its database restarting), not a fault in what the agent sent, which repeating would not cure.
/// </summary>
public static class HubErrors
{
    private const string TryAgainMarker = "Try again later: ";

    public static string TryAgain(string reason) => TryAgainMarker + reason;

    /// <summary>SignalR wraps the server's message in its own words; the marker survives inside them.</summary>
    public static bool IsTryAgain(string message) => message.Contains(TryAgainMarker, StringComparison.Ordinal);
}
