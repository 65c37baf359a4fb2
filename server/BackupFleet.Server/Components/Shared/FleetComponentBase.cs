using BackupFleet.Server.Features.Audit;
using BackupFleet.Server.Features.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;

namespace BackupFleet.Server.Components.Shared;

/// <summary>
/// Base of the live pages. A circuit lives for hours, so each query gets its own short DI scope (and DbContext)
/// instead of one shared for the circuit's life.
/// </summary>
public abstract class FleetComponentBase : ComponentBase, IDisposable
{
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] protected FleetChangeFeed Feed { get; set; } = default!;
    [Inject] protected ILoggerFactory LoggerFactory { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    /// <summary>Runs <paramref name="query"/> in its own scope, acting (for the audit log) as the circuit's signed-in user.</summary>
    protected async Task<T> QueryAsync<TService, T>(Func<TService, Task<T>> query) where TService : notnull
    {
        await using var scope = Scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set((await Authentication.GetAuthenticationStateAsync()).User, null);
        return await query(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A refresher that re-runs <paramref name="reload"/> on the circuit's thread, at most every 200 ms.</summary>
    protected CoalescingRefresh CreateRefresh(Func<Task> reload) =>
        new(TimeSpan.FromMilliseconds(200), () => InvokeAsync(async () => { await reload(); StateHasChanged(); }), LoggerFactory.CreateLogger(GetType()));

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
