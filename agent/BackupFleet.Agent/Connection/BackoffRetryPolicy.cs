using Microsoft.AspNetCore.SignalR.Client;

namespace BackupFleet.Agent.Connection;

/// <summary>SignalR's automatic reconnect with our backoff; it never gives up, an agent must always come back.</summary>
internal sealed class BackoffRetryPolicy(Backoff backoff) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => backoff.Delay(retryContext.PreviousRetryCount);
}
