using Microsoft.JSInterop;

namespace BackupFleet.Server.Components.Shared;

/// <summary>Asks the browser for its time zone once per circuit (this service is scoped to it) and keeps the answer.</summary>
public sealed class ViewerZoneSource(IJSRuntime js, ILogger<ViewerZoneSource> log)
{
    private Task<ViewerZone>? _asked;

    /// <summary>UTC until <see cref="ResolveAsync"/> has an answer.</summary>
    public ViewerZone Current { get; private set; } = ViewerZone.Utc;

    /// <summary>Only once the circuit is interactive (OnAfterRenderAsync): a prerender has no browser to ask.</summary>
    public Task<ViewerZone> ResolveAsync() => _asked ??= AskAsync();

    private async Task<ViewerZone> AskAsync()
    {
        try
        {
            Current = ViewerZone.FromBrowser(await js.InvokeAsync<string?>("backupFleet.timeZone"));
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            log.LogInformation("The browser did not say its time zone ({Error}); showing UTC", e.Message);
            Current = ViewerZone.Utc with { Label = "UTC (the browser did not say its time zone)" };
        }
        return Current;
    }
}
